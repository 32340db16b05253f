import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/run/load-policy.js';
import { InputError } from '../../../src/run/input-error.js';

const SELECT = 'select(request, candidates) { return candidates[0] ?? null; }';

let dir: string;
let scenario: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'novasim-load-policy-'));
  scenario = join(dir, 'scenario.yaml');
  mkdirSync(join(dir, 'policies'));
  mkdirSync(join(dir, 'esm'));
  const files: Record<string, string> = {
    'policies/default.mjs': `export default { name: 'first', ${SELECT} };`,
    'policies/named.mjs': `export const policy = { name: 'named', ${SELECT} };`,
    'policies/typed.ts': `
      interface Host { readonly id: number }
      const policy: { name: string; select(r: unknown, c: readonly Host[]): Host | null } = { name: 'typed', ${SELECT} };
      export default policy;`,
    'esm/package.json': '{ "type": "module" }',
    'esm/named.ts': `export const policy = { name: 'esm-named' as string, ${SELECT} };`,
    'policies/no-select.mjs': `export default { name: 'half' };`,
    'policies/numbers.ts': `export const policy = { name: 42, ${SELECT} };`,
    'policies/throws.mjs': `throw new Error('no licence for this policy');`,
    'policies/throws.ts': `const x: number = 1; if (x) throw new Error('typed module refused to load'); export {};`,
    'policies/policy.cjs': `module.exports = {};`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(modulePath: string): Promise<InputError> {
  const error: unknown = await loadPolicy(modulePath, scenario).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('loadPolicy', () => {
  it('loads the default export of an .mjs module, relative to the scenario file', async () => {
    const policy = await loadPolicy('policies/default.mjs', scenario);

    expect(policy.name).toBe('first');
    expect('select' in policy && typeof policy.select).toBe('function');
  });

  it('loads a named `policy` export', async () => {
    expect((await loadPolicy('./policies/named.mjs', scenario)).name).toBe('named');
  });

  it('loads a TypeScript module outside an ES module package (tsx loads it as CommonJS)', async () => {
    expect((await loadPolicy('policies/typed.ts', scenario)).name).toBe('typed');
  });

  it('loads a named export of a TypeScript module inside a "type": "module" package', async () => {
    expect((await loadPolicy('esm/named.ts', scenario)).name).toBe('esm-named');
  });

  it('names the scenario file, the field and the path looked for when the module is missing', async () => {
    const error = await failure('policies/nowhere.mjs');

    expect(error.message).toBe(`${scenario}: scheduler.module: no module file 'policies/nowhere.mjs' (looked for ${join(dir, 'policies/nowhere.mjs')})`);
  });

  it('says what it expected when the export has the wrong shape', async () => {
    expect((await failure('policies/no-select.mjs')).message).toMatch(
      /scheduler\.module: 'policies\/no-select\.mjs' does not export a placement policy as default or as policy \(an object with a string name and a function select.*\); it exports default \(object\)$/,
    );
    expect((await failure('policies/numbers.ts')).message).toMatch(/does not export a placement policy/);
  });

  it('reports a module that throws while loading with its message and no stack trace', async () => {
    for (const [file, message] of [['policies/throws.mjs', 'no licence for this policy'], ['policies/throws.ts', 'typed module refused to load']]) {
      const error = await failure(file!);

      expect(error.message).toBe(`${scenario}: scheduler.module: '${file}' failed to load: ${message}`);
    }
  });

  it('refuses an extension it cannot load', async () => {
    expect((await failure('policies/policy.cjs')).message).toMatch(/expected a \.js, \.mjs or \.ts module, got 'policies\/policy\.cjs'/);
  });
});
