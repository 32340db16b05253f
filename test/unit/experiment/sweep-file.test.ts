import { describe, expect, it } from 'vitest';
import { configurations, parseShard, planRuns, runId, shardOf } from '../../../src/experiment/run-plan.js';
import { formatError, loadSweep, type Sweep } from '../../../src/experiment/sweep-file.js';
import { metricValue } from '../../../src/experiment/metric-path.js';
import { pairedRows, summaryCsv, summaryRows } from '../../../src/experiment/tables.js';

const load = (text: string): Sweep => {
  const r = loadSweep('s.yaml', text);
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.sweep;
};

const twoByTwo = load(`
name: t
scenario: a.yaml
matrix:
  scheduler.policy: [spread, pack]
  config.cpu_allocation_ratio: [1, 4]
seeds: { from: 1, count: 2 }
metrics: [placements.failed]
`);

describe('loadSweep', () => {
  it('expands { from, count } seeds and keeps the matrix in file order', () => {
    expect(twoByTwo.seeds).toEqual([1, 2]);
    expect(twoByTwo.matrix.map((d) => d.path)).toEqual(['scheduler.policy', 'config.cpu_allocation_ratio']);
  });

  it('reports every problem of shape at its line', () => {
    const r = loadSweep('s.yaml', 'name: t\nscenario: a.yaml\nseeds: [1]\nmetrics: []\nextra: 1\n');

    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([
      "s.yaml:5:1: extra: unknown key 'extra'; expected one of name, scenario, matrix, seeds, metrics, max_runs",
      's.yaml:4:10: metrics: expected at least 1 item(s)',
    ]);
  });

  it('refuses the seed as a dimension, bad paths and repeated values, at their lines', () => {
    const r = loadSweep('s.yaml', 'name: t\nscenario: a.yaml\nmatrix:\n  seed: [1, 2]\n  x..y: [1]\n  a: [1, 1]\nseeds: [1, 1]\nmetrics: [m]\n');

    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([
      "s.yaml:4:3: matrix.seed: the seed is not a matrix dimension; list the seeds under 'seeds'",
      's.yaml:5:3: matrix.x..y: not a scenario path: the path has an empty part',
      's.yaml:6:10: matrix.a[1]: the value 1 appears twice',
      's.yaml:7:12: seeds[1]: the seed 1 appears twice',
    ]);
  });
});

describe('planRuns', () => {
  it('orders runs by configuration (first dimension slowest), seeds innermost, with readable ids', () => {
    expect(planRuns(twoByTwo).map((r) => `${r.index} ${r.id}`)).toEqual([
      '0 scheduler.policy=spread,config.cpu_allocation_ratio=1,seed=1',
      '1 scheduler.policy=spread,config.cpu_allocation_ratio=1,seed=2',
      '2 scheduler.policy=spread,config.cpu_allocation_ratio=4,seed=1',
      '3 scheduler.policy=spread,config.cpu_allocation_ratio=4,seed=2',
      '4 scheduler.policy=pack,config.cpu_allocation_ratio=1,seed=1',
      '5 scheduler.policy=pack,config.cpu_allocation_ratio=1,seed=2',
      '6 scheduler.policy=pack,config.cpu_allocation_ratio=4,seed=1',
      '7 scheduler.policy=pack,config.cpu_allocation_ratio=4,seed=2',
    ]);
  });

  it('makes the overrides --set would make', () => {
    expect(configurations(twoByTwo)[1]!.overrides).toEqual([
      { path: ['scheduler', 'policy'], value: 'spread', text: 'scheduler.policy=spread' },
      { path: ['config', 'cpu_allocation_ratio'], value: 4, text: 'config.cpu_allocation_ratio=4' },
    ]);
  });

  it('hashes ids whose text is unsafe for a folder name, keeping the seed readable', () => {
    expect(runId('scheduler.module=../p/x.ts', 3)).toMatch(/^scheduler\.module=\.\._p_x\.ts-[0-9a-f]{10},seed=3$/);
    expect(runId('scheduler.module=../p/x.ts', 3)).not.toBe(runId('scheduler.module=.._p_x.ts', 3));
  });
});

describe('shards', () => {
  it('take run index mod N == I - 1, and together cover every run once', () => {
    const runs = planRuns(twoByTwo);
    const shards = [1, 2, 3].map((i) => shardOf(runs, { index: i, count: 3 }).map((r) => r.index));

    expect(shards).toEqual([[0, 3, 6], [1, 4, 7], [2, 5]]);
    expect(parseShard('0/3')).toMatch(/expected I\/N/);
    expect(parseShard('4/3')).toMatch(/expected I\/N/);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  });
});

describe('metricValue', () => {
  it('reads dotted paths whose keys hold dots', () => {
    const summary = { headroom: { 'm1.large': 7 }, cost: null, a: { b: 'x' } };

    expect(metricValue(summary, 'headroom.m1.large')).toEqual({ kind: 'number', value: 7 });
    expect(metricValue(summary, 'cost.total')).toEqual({ kind: 'missing' });
    expect(metricValue(summary, 'a.b')).toEqual({ kind: 'not_a_number' });
  });
});

describe('tables', () => {
  const sweep = load('name: t\nscenario: a.yaml\nmatrix: { p: [a, b] }\nseeds: [1, 2, 3, 4]\nmetrics: [m]\n');
  const values = new Map([
    ...[1, 2, 3, 4].map((s) => [runId('p=a', s), { m: s }] as const),
    ...[1, 2, 3].map((s) => [runId('p=b', s), { m: 2 * s }] as const),
  ]);

  it('summarises each configuration over the seeds that finished', () => {
    expect(summaryCsv(sweep, summaryRows(sweep, values))).toBe(
      'configuration,p,metric,n,mean,sd,ci95_low,ci95_high\n' +
        'p=a,a,m,4,2.5,1.29099444874,0.44573974324,4.55426025676\n' +
        'p=b,b,m,3,4,2,-0.968275423501,8.9682754235\n',
    );
  });

  it('pairs configurations seed by seed over the seeds both finished', () => {
    const [row] = pairedRows(sweep, values);

    expect(row).toMatchObject({ dimension: 'p', from: 'a', to: 'b', fixed: '', metric: 'm' });
    expect(row!.stats).toMatchObject({ n: 3, mean: 2, sd: 1 }); // differences 1, 2, 3
    expect(row!.stats.halfWidth).toBeCloseTo(4.3027 / Math.sqrt(3), 4);
  });
});
