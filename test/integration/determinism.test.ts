/**
 * The seed decides the run. The golden test already holds every shipped
 * scenario's stable files, run with its own seed, to digests recorded
 * earlier: the same seed gives the same bytes, run after run and machine
 * after machine. Here each scenario runs once more with another seed: a
 * scenario with a random workload must then write another events.csv, and
 * a scripted-only one (fixed durations, no draws) the very same.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, read, runScenario, scenarioFiles, tempDir } from './helpers.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('determinism');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Scenarios with a random workload; scripted-only ones with fixed durations, and replayed traces, do not depend on the seed. */
const hasWorkload = (file: string): boolean => {
  const doc = parse(readFileSync(file, 'utf8')) as { workload?: unknown[] };
  return Array.isArray(doc.workload) && doc.workload.some((w) => typeof w !== 'object' || w === null || !('trace' in w));
};

/** events.csv's digest as the golden test recorded it for the scenario's own seed. */
const goldenEventsDigest = (name: string): string =>
  (JSON.parse(readFileSync(join('test/golden/__golden__', name, 'digests.json'), 'utf8')) as { files: Record<string, { sha256: string }> }).files['events.csv']!.sha256;

describe.each(scenarioFiles())('%s', (file) => {
  const name = basename(file).replace(/\.(ya?ml|json)$/, '');
  const workload = hasWorkload(file);

  it(workload ? 'gives a different events.csv for another seed' : 'being scripted or a replayed trace, gives the same events.csv for any seed', () => {
    const out = join(dir, name);
    const r = runScenario(file, out, ['--seed', '999', '--set', 'expect=', '--no-report']); // the expect: list states the shipped seed's story
    expect(r.status, r.stderr).toBe(0);

    const digest = createHash('sha256').update(read(out, 'events.csv')).digest('hex');

    if (workload) expect(digest).not.toBe(goldenEventsDigest(name));
    else expect(digest).toBe(goldenEventsDigest(name));
  });
});
