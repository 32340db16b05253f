import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Which src/ folders each folder may import from (DESIGN.md's dependency direction). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  engine: [],
  model: [],
  lifecycle: ['model'],
  migration: ['model'],
  metrics: ['engine', 'model', 'lifecycle', 'cloud'],
  scheduling: ['model', 'engine'],
  cloud: ['engine', 'model', 'lifecycle', 'scheduling', 'migration'],
  workload: ['engine', 'model', 'cloud'],
  failures: ['engine', 'model', 'cloud'],
  // lifecycle: the operator asks Nova's own guards (admit) which move a server's state allows.
  operator: ['engine', 'model', 'lifecycle', 'cloud'],
  scenario: ['engine', 'model', 'lifecycle', 'scheduling', 'migration', 'metrics', 'cloud', 'workload', 'failures', 'operator'],
  // experiment: sweep files, run plans and statistics (pure); it reads the scenario spec kit and --set overrides.
  experiment: ['scenario'],
  // report: HTML pages with SVG charts from a run's or a sweep's output texts (pure; Vega and Vega-Lite only).
  report: [],
  // run: a run and its outputs (reading and checking a scenario, plug-in loading, the results folder, workers).
  run: ['scenario', 'metrics', 'model', 'experiment', 'report', 'scheduling'],
  cli: ['run', 'scenario', 'metrics', 'model', 'experiment'],
  api: ['run', 'scenario', 'metrics', 'model'],
};

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const layerOf = (file: string): string => relative('src', file).split(sep)[0]!;

/** The src/ files a file imports by relative path: `import`, `import type` and `export ... from` alike. */
function importsOf(file: string): string[] {
  const specs = readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*'(\.{1,2}\/[^']+)'/g);
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
  it('src/ folders import only the layers below them', () => {
    const violations: string[] = [];
    for (const file of sourceFiles('src')) {
      const allowed = ALLOWED[layerOf(file)];
      if (allowed === undefined) continue; // src/index.ts re-exports the public API
      for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = layerOf(join(file, '..', spec));
        if (target !== layerOf(file) && !allowed.includes(target)) violations.push(`${file} -> ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('src/ has no import cycles, type-only imports included', () => {
    expect(cyclesIn([...sourceFiles('src')])).toEqual([]);
  });

  it('src/ has no ambient randomness or wall-clock time outside cli/ and run/ (which time runs and watch workers)', () => {
    const offenders = [...sourceFiles('src')].filter(
      (f) => !['cli', 'run'].includes(layerOf(f)) && /Math\.random|Date\.now|performance\.now|new Date\(\s*\)/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
