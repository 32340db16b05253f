/**
 * Generated hostile scenarios: whole random documents, a valid scenario
 * with one to three fields replaced by something wrong (a wrong type, a huge or
 * negative number, a long text, deep nesting, a prototype key), and random
 * bytes, as YAML and as JSON. Each must be refused with an InputError (the
 * command line's exit 2) or run to its end (exit 0) within ceilings kept
 * small here; anything else thrown is a defect (exit 1 with a stack).
 *
 * A few hundred cases run in the suite; NOVASIM_FUZZ_RUNS=20000 runs more.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/run/input-error.js';
import { MemoryFolder } from '../../src/run/output-folder.js';
import { scenarioOf } from '../../src/run/read-scenario.js';
import { executeRun } from '../../src/run/run-scenario.js';
import { cliAsync, ensureBuilt, pooled } from '../integration/helpers.js';

const RUNS = Number(process.env['NOVASIM_FUZZ_RUNS'] ?? 150);

const BASE = {
  name: 'fuzz',
  seed: 3,
  duration: '6h',
  config: { resize_confirm_window: '1h', reclaim_instance_interval: 600 },
  flavors: [
    { name: 'm1.small', vcpus: 1, ram_mb: 2048, disk_gb: 20 },
    { name: 'm1.large', vcpus: 4, ram_mb: 8192, disk_gb: 80 },
  ],
  images: [{ name: 'cirros', size_gb: 0.5 }],
  aggregates: [{ name: 'az', availability_zone: 'az1' }],
  hosts: [{ name_prefix: 'c', count: 4, vcpus: 16, ram_mb: 32768, disk_gb: 500, aggregates: ['az'] }],
  projects: [{ name: 'demo' }],
  server_groups: [{ name: 'g', policy: 'anti-affinity', project: 'demo' }],
  workload: [{ name: 'w', project: 'demo', image: 'cirros', flavors: { 'm1.small': 3, 'm1.large': 1 }, arrivals: { process: 'poisson', rate: '20/h' }, lifetime: { dist: 'exponential', mean: '2h' } }],
  actions: [
    { at: 0, action: 'create', server: 'db-1', flavor: 'm1.large', image: 'cirros', project: 'demo', group: 'g' },
    { at: '1h', action: 'resize', server: 'db-1', flavor: 'm1.small' },
    { at: '2h', action: 'fail_host', host: 'c1' },
  ],
  failures: { hosts: { mtbf: '30d', repair: '1h' } },
  // Ceilings kept small, so whatever validates runs in milliseconds.
  run_limits: { max_hosts: 200, max_servers: 2000, max_events: 200_000, max_samples: 2000 },
};

/** Every path to a value in the base scenario (run_limits aside: the fuzz keeps those). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix[0] === 'run_limits') return [];
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}
const PATHS = paths(BASE);

const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [nested(depth - 1, leaf)]);

/** Something that should not be where it is put. */
const wrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e300, -1e300, -1, 0, 0.5, 2 ** 53 + 1, 4294967296, '', ' ', 'NaN', 'Infinity', '-5m', '1e9/s', '1e300/s', null, true, [], {}),
  fc.string({ maxLength: 2000 }),
  fc.integer({ min: 0, max: 200 }).map((d) => nested(d, 1)),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'x'), fc.jsonValue({ maxDepth: 1 })),
);

function setAt(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node: unknown = copy;
  for (const [i, key] of path.entries()) {
    if (typeof node !== 'object' || node === null) return copy; // an earlier change replaced a parent
    if (i === path.length - 1) Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
    else node = (node as Record<string | number, unknown>)[key];
  }
  return copy;
}

/** The base scenario with one to three fields replaced. */
const mutated = fc
  .array(fc.tuple(fc.constantFrom(...PATHS), wrong), { minLength: 1, maxLength: 3 })
  .map((changes) => changes.reduce<unknown>((doc, [path, value]) => setAt(doc, path, value), BASE));
const anyDocument = fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.object({ maxDepth: 4 }));

/** The same document as YAML text, as JSON text, or (sometimes) as a value. */
const asInput = (doc: unknown) => fc.constantFrom<unknown>(stringify(doc, { aliasDuplicateObjects: false }), JSON.stringify(doc) ?? 'null', doc);

/** Exit 2 (InputError) or a whole run (exit 0); anything else fails the property. */
async function judge(input: unknown): Promise<'refused' | 'ran'> {
  let scenario;
  try {
    scenario = scenarioOf(input, { file: 'fuzz.yaml' });
  } catch (e) {
    if (e instanceof InputError) {
      expect(e.message.split('\n').length).toBeLessThanOrEqual(51);
      return 'refused';
    }
    throw e;
  }
  await executeRun(scenario, undefined, new MemoryFolder(), { file: 'fuzz.yaml', overrides: [], report: false });
  return 'ran';
}

describe('generated hostile scenarios', () => {
  it('the base scenario itself runs (so mutations start from something valid)', async () => {
    expect(await judge(BASE)).toBe('ran');
  });

  it('a valid scenario with fields replaced is refused or runs, never crashes', async () => {
    const seen = { refused: 0, ran: 0 };
    await fc.assert(
      fc.asyncProperty(mutated.chain(asInput), async (input) => {
        seen[await judge(input)]++;
      }),
      { numRuns: RUNS },
    );
    expect(seen.refused).toBeGreaterThan(0);
  }, 120_000);

  it('whole random documents are refused or run, never crash', async () => {
    await fc.assert(
      fc.asyncProperty(anyDocument.chain(asInput), async (input) => {
        await judge(input);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('random bytes read as text are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await judge(new TextDecoder().decode(bytes))).toBe('refused');
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('through the command line too: validate and run exit 0 or 2, with no stack trace', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'novasim-fuzz-'));
    try {
      const inputs = fc.sample(mutated.chain((doc) => fc.constantFrom(stringify(doc), JSON.stringify(doc))), { numRuns: Math.max(6, RUNS / 25), seed: 11 });
      const jobs = inputs.flatMap((text, i) => {
        const file = join(dir, `f${i}.${text.startsWith('{') ? 'json' : 'yaml'}`);
        writeFileSync(file, text);
        return [() => cliAsync(['validate', file]), () => cliAsync(['run', file, '--out', join(dir, `out-${i}`), '--no-report'])];
      });
      for (const r of await pooled(jobs)) {
        expect([0, 2], r.stderr).toContain(r.status);
        expect(r.stderr).not.toMatch(/^\s+at /m);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
