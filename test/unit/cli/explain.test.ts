import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainCommand, formatPlacements } from '../../../src/cli/explain.js';
import { InputError } from '../../../src/run/input-error.js';
import type { PlacementLogLine, PlacementRecord } from '../../../src/metrics/writers/placements-jsonl.js';

const placed: PlacementRecord = {
  time: 12.5,
  server: 'web-1',
  purpose: 'create',
  outcome: 'placed',
  host: 'compute-17',
  reason: '',
  policy: 'filter_scheduler',
  hosts: 1000,
  filters: [
    { filter: 'Placement', before: 1000, after: 1000 },
    { filter: 'ComputeFilter', before: 1000, after: 998 },
    { filter: 'RamFilter', before: 998, after: 41 },
  ],
  top: [
    { host: 'compute-17', weight: 1.5, parts: { RAMWeigher: 1, CPUWeigher: 0.5 } },
    { host: 'compute-3', weight: 1.25, parts: { RAMWeigher: 0.75, CPUWeigher: 0.5 } },
  ],
  alternates: ['compute-3'],
};

const refused: PlacementRecord = {
  ...placed,
  time: 400,
  purpose: 'migrate',
  outcome: 'no_valid_host',
  host: null,
  reason: 'No valid host was found. There are not enough hosts available.',
  filters: [
    { filter: 'Placement', before: 1000, after: 3 },
    { filter: 'RamFilter', before: 3, after: 0 },
  ],
  top: [],
  alternates: [],
};

describe('formatPlacements', () => {
  it('prints filter counts, weights, the chosen host and alternates as aligned tables', () => {
    expect(formatPlacements('web-1', [placed])).toBe(
      [
        'server web-1: 1 placement record',
        '',
        't=12.5s  create  policy filter_scheduler  candidates 1000',
        '  filters:',
        '    Placement      1000 -> 1000',
        '    ComputeFilter  1000 ->  998',
        '    RamFilter       998 ->   41',
        '  weighed:',
        '    host        weight  RAMWeigher  CPUWeigher',
        '    compute-17     1.5           1         0.5',
        '    compute-3     1.25        0.75         0.5',
        '  chosen: compute-17',
        '  alternates: compute-3',
        '',
      ].join('\n'),
    );
  });

  it('names the filter that eliminated the last host on NoValidHost', () => {
    const text = formatPlacements('web-1', [refused]);

    expect(text).toContain('t=400s  migrate  policy filter_scheduler  candidates 1000');
    expect(text).toContain('  NoValidHost: RamFilter eliminated the last host\n');
    expect(text).toContain('  reason: No valid host was found.');
  });

  it("says on Placement's line when max_placement_results cut the hosts it returned", () => {
    const limited: PlacementRecord = {
      ...placed,
      hosts: 10000,
      filters: [
        { filter: 'Placement', before: 10000, after: 1000, viable: 8500 },
        { filter: 'ComputeFilter', before: 1000, after: 998 },
      ],
    };

    const text = formatPlacements('web-1', [limited]);

    expect(text).toContain(
      [
        '  filters:',
        '    Placement      10000 -> 1000  (limited from 8500 viable by max_placement_results)',
        '    ComputeFilter   1000 ->  998',
        '',
      ].join('\n'),
    );
  });

  it('shows build failures and reschedules onto alternates', () => {
    const lines: PlacementLogLine[] = [
      placed,
      { time: 30, server: 'web-1', purpose: 'build_failed', host: 'compute-17', rescheduled: true },
      { ...placed, time: 30, purpose: 'reschedule', host: 'compute-3', policy: null, hosts: null, filters: [], top: [], alternates: [] },
    ];

    const text = formatPlacements('web-1', lines);

    expect(text).toContain('t=30s  build failed on compute-17; rescheduled to an alternate\n');
    expect(text).toContain('t=30s  reschedule: claimed alternate host compute-3\n');
  });
});

describe('explainCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'novasim-explain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sink = () => {
    const chunks: string[] = [];
    return { write: (t: string) => chunks.push(t), text: () => chunks.join('') };
  };

  it("prints the server's placements in time order, skipping other servers", async () => {
    const other = { ...placed, server: 'web-10' };
    writeFileSync(join(dir, 'placements.jsonl'), [refused, other, placed].map((r) => `${JSON.stringify(r)}\n`).join(''));
    const out = sink();

    const code = await explainCommand(dir, 'web-1', out, sink());

    expect(code).toBe(0);
    expect(out.text()).toMatch(/^server web-1: 2 placement records\n/);
    expect(out.text().indexOf('t=12.5s')).toBeLessThan(out.text().indexOf('t=400s'));
  });

  it('exits 1 with a message when the server has no placements', async () => {
    writeFileSync(join(dir, 'placements.jsonl'), `${JSON.stringify(placed)}\n`);
    const err = sink();

    expect(await explainCommand(dir, 'ghost', sink(), err)).toBe(1);
    expect(err.text()).toBe(`novasim explain: no placements of server 'ghost' in ${join(dir, 'placements.jsonl')}\n`);
  });

  it('names the missing folder or file in an InputError', async () => {
    await expect(explainCommand(join(dir, 'nope'), 'web-1', sink(), sink())).rejects.toThrow(
      new InputError(`${join(dir, 'nope')}: cannot read the results folder (ENOENT)`),
    );
    const empty = mkdtempSync(join(dir, 'empty-'));
    await expect(explainCommand(empty, 'web-1', sink(), sink())).rejects.toThrow(`${join(empty, 'placements.jsonl')}: cannot read`);
  });

  it('names a placement log it cannot read (a directory) in an InputError', async () => {
    const odd = mkdtempSync(join(dir, 'odd-'));
    mkdirSync(join(odd, 'placements.jsonl'));

    await expect(explainCommand(odd, 'web-1', sink(), sink())).rejects.toThrow(
      new InputError(`${join(odd, 'placements.jsonl')}: cannot read the placement log (EISDIR)`),
    );
  });

  it('names the line that is not a placement record', async () => {
    writeFileSync(join(dir, 'placements.jsonl'), `${JSON.stringify(placed)}\n{"time":1,"server":"web-1",oops\n`);

    await expect(explainCommand(dir, 'web-1', sink(), sink())).rejects.toThrow(`${join(dir, 'placements.jsonl')}:2: not a placement record`);
  });
});
