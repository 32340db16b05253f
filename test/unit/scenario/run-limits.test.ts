import { describe, expect, it } from 'vitest';
import { parseSeed, SEED_MAX } from '../../../src/scenario/bounds.js';
import { checkWork, estimateWork, RUN_LIMIT_DEFAULTS, type WorkShape } from '../../../src/scenario/run-limits.js';

const DAY = 86_400;
const shape = (more: Partial<WorkShape> = {}): WorkShape => ({
  duration: 30 * DAY,
  metrics: { sample_interval: 3600 },
  hosts: [{ count: 100 }, {}],
  workload: [],
  actions: [],
  failures: { domains: [] },
  operator: {},
  run_limits: { ...RUN_LIMIT_DEFAULTS },
  ...more,
});

describe('estimateWork', () => {
  it('counts hosts of groups and single hosts, samples including the one at the end', () => {
    expect(estimateWork(shape())).toMatchObject({ hosts: 101, servers: 0, samples: 721 });
  });

  it('expects rate x window x the mean of the pattern for Poisson arrivals, and counts schedules exactly', () => {
    const hourly = [...Array(12).fill(0), ...Array(12).fill(2)]; // mean 1
    const estimate = estimateWork(
      shape({
        workload: [
          { start: 0, end: 10 * DAY, arrivals: { process: 'poisson', rate: 1 / 3600 }, pattern: { hourly, weekly: Array(7).fill(0.5) } },
          { start: 0, arrivals: { process: 'schedule', every: DAY, start: 0 } },
          { start: 0, arrivals: { process: 'schedule', at: [0, 60, 120], start: 0 } },
        ],
        actions: [{ action: 'create' }, { action: 'reboot' }],
      }),
    );
    expect(estimate.servers).toBe(10 * 24 * 0.5 + 31 + 3 + 1);
  });
});

describe('estimateWork with what the trace files hold', () => {
  const traced = shape({ workload: [{ trace: { format: 'planetlab', count: 50 } }], actions: [{ action: 'create' }] });

  it('counts a trace by its count until its files are read, then by what they hold', () => {
    expect(estimateWork(traced).servers).toBe(1 + 50);
    const read = estimateWork(traced, { servers: 800, requests: 0 });
    expect(read.servers).toBe(1 + 800);
    expect(read.events).toBeGreaterThan(estimateWork(traced).events);
  });

  it("costs a request log's rows what as many actions: entries cost", () => {
    const log = estimateWork(shape(), { servers: 10, requests: 25 });
    const actions = estimateWork(shape({ actions: [...Array(10).fill({ action: 'create' }), ...Array(15).fill({ action: 'reboot' })] }));
    expect(log.servers).toBe(actions.servers);
    expect(log.events).toBeGreaterThanOrEqual(actions.events);
  });

  it('names the ceiling a request log passes', () => {
    const small = shape({ run_limits: { ...RUN_LIMIT_DEFAULTS, max_servers: 100 } });
    expect(checkWork(small, { servers: 101, requests: 101 }).map((i) => i.message)).toEqual([expect.stringContaining('101 servers created')]);
    expect(checkWork(small, { servers: 100, requests: 300 })).toEqual([]);
  });
});

describe('checkWork', () => {
  it('passes a region-sized month with the defaults', () => {
    const region = shape({ hosts: [{ count: 10_000 }], workload: [{ start: 0, arrivals: { process: 'poisson', rate: 1_000_000 / (30 * DAY) } }] });
    expect(checkWork(region)).toEqual([]);
  });

  it('names the ceiling passed and how to raise it, and a raised ceiling passes', () => {
    const big = shape({ hosts: [{ count: 300_000 }] });

    expect(checkWork(big).map((i) => i.message)).toEqual([
      "this scenario implies 300,000 hosts, over the ceiling of 200,000 (run_limits.max_hosts); if that is meant, raise it in the scenario's run_limits: section or with --set run_limits.max_hosts=<n>",
    ]);
    expect(checkWork({ ...big, run_limits: { ...RUN_LIMIT_DEFAULTS, max_hosts: 300_000 } })).toEqual([]);
  });

  it('refuses a sample interval that makes more rows than allowed', () => {
    expect(checkWork(shape({ duration: 100 * 365 * DAY, metrics: { sample_interval: 1 } })).map((i) => i.path)).toEqual([['duration'], ['duration']]);
  });
});

describe('parseSeed', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    [String(SEED_MAX), SEED_MAX],
  ])('takes %s', (text, seed) => expect(parseSeed(text)).toBe(seed));

  it.each(['', '-1', '7.5', '1e30', '9007199254740992', '1000000000000000000000000000001', '0x10', ' '])('refuses %j', (text) => {
    expect(typeof parseSeed(text)).toBe('string');
  });
});
