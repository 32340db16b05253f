import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/, top to bottom (DESIGN.md's dependency direction): a
 * folder imports only folders of the layers below its own, never one beside
 * it or above it, with no exceptions. The figures and writers in metrics sit
 * beside the processes that drive the cloud: they listen to its facts, and
 * nothing below them, and none of those processes, may import them.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['cli', 'api'],
  // serve: the Keystone and Compute API facade over a running simulation (novasim serve drives a run).
  ['serve'],
  ['run'],
  ['experiment', 'report'],
  ['scenario'],
  ['workload', 'failures', 'operator', 'metrics'],
  ['cloud'],
  ['lifecycle', 'scheduling', 'migration'],
  ['model'],
  ['engine'],
];

const depthOf = (folder: string): number => LAYERS.findIndex((layer) => layer.includes(folder));

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const layerOf = (file: string): string => relative('src', file).split(sep)[0]!;

/** The src/ files a file imports by relative path: `import`, `import type`, `export ... from` and `import('...')` alike. */
function importsOf(file: string): string[] {
  const specs = readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g);
  return [...specs].map(([, spec = '']) => join(dirname(file), spec).replace(/\.js$/, '.ts'));
}

/** Every import cycle among the files, each as the path that closes it (depth-first search). */
function cyclesIn(files: readonly string[]): string[] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('architecture', () => {
  it('every src/ folder has a layer', () => {
    const folders = readdirSync('src').filter((name) => statSync(join('src', name)).isDirectory());

    expect(folders.filter((folder) => depthOf(folder) < 0)).toEqual([]);
  });

  it('src/ folders import only the layers below them', () => {
    const violations: string[] = [];
    for (const file of sourceFiles('src')) {
      const from = layerOf(file);
      if (from.endsWith('.ts')) continue; // src/index.ts re-exports the public API
      for (const target of importsOf(file).map(layerOf)) {
        if (target !== from && depthOf(target) <= depthOf(from)) violations.push(`${file} -> ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('src/ has no import cycles, type-only imports included', () => {
    expect(cyclesIn([...sourceFiles('src')])).toEqual([]);
  });

  it('src/ has no ambient randomness or wall-clock time outside cli/, run/ (which time runs and watch workers) and serve/ (whose clock and tokens follow the wall clock)', () => {
    const offenders = [...sourceFiles('src')].filter(
      (f) => !['cli', 'run', 'serve'].includes(layerOf(f)) && /Math\.random|Date\.now|performance\.now|new Date\(\s*\)/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
