import { statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlacementPolicy } from '../scenario/schema.js';
import { InputError } from './input-error.js';

const EXPECTED =
  'a placement policy as default or as policy (an object with a string name and a function select(request, candidates, context), or choose(request, candidates, context))';

/**
 * Loads the plug-in placement policy a scenario names in `scheduler.module`.
 * The path is relative to the scenario file; `.js` and `.mjs` modules are
 * imported as they are, `.ts` modules through tsx, so researchers can write
 * policies in TypeScript without a build step. Every failure is an
 * InputError naming the scenario file and the field, without a stack trace.
 */
export async function loadPolicy(modulePath: string, scenarioFile: string): Promise<PlacementPolicy> {
  const where = `${scenarioFile}: scheduler.module`;
  const path = resolve(dirname(scenarioFile), modulePath);
  if (!isFile(path)) throw new InputError(`${where}: no module file '${modulePath}' (looked for ${path})`);
  const loader = LOADERS[extname(path)];
  if (loader === undefined) throw new InputError(`${where}: expected a .js, .mjs or .ts module, got '${modulePath}'`);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await loader(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(`${where}: '${modulePath}' failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  const policy = candidates(loaded).find(isPolicy);
  if (policy === undefined) throw new InputError(`${where}: '${modulePath}' does not export ${EXPECTED}; it exports ${describe(loaded)}`);
  return policy;
}

const importEsm = (url: string): Promise<unknown> => import(url);

/** How each extension is imported, by file URL. */
const LOADERS: Readonly<Record<string, (url: string) => Promise<unknown>>> = {
  '.js': importEsm,
  '.mjs': importEsm,
  // Loaded on demand: runs without a TypeScript policy never pay for the loader.
  '.ts': async (url) => (await import('tsx/esm/api')).tsImport(url, import.meta.url),
};

/**
 * Where the policy may be: `default`, then `policy`. A module loaded as
 * CommonJS (a .ts file outside a "type": "module" package) arrives with its
 * exports object as `default`, so the same two names are looked for inside it.
 */
function candidates(loaded: Record<string, unknown>): unknown[] {
  const inner = typeof loaded['default'] === 'object' && loaded['default'] !== null ? (loaded['default'] as Record<string, unknown>) : {};
  return [loaded['default'], loaded['policy'], inner['default'], inner['policy']];
}

function isPolicy(value: unknown): value is PlacementPolicy {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && (typeof v['select'] === 'function' || typeof v['choose'] === 'function');
}

function describe(loaded: Record<string, unknown>): string {
  const names = Object.keys(loaded).filter((k) => k !== '__esModule');
  return names.length === 0 ? 'nothing' : names.map((k) => `${k} (${typeof loaded[k]})`).join(', ');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
