import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../src/lifecycle/requests.js';
import {
  cli, ensureBuilt, EVENTS_HEADER, OUTPUT_FILES, parseCsv, read, readCsv, runScenario, scenarioFiles, tempDir,
} from './helpers.js';

type Counts = { accepted: number; rejected: number; failed: number };

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('cli');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = scenarioFiles();

describe('scenarios/', () => {
  it('holds the scenarios this suite is about', () => {
    expect(files).toEqual(expect.arrayContaining([
      'scenarios/diurnal-week.yaml', 'scenarios/host-failure.yaml', 'scenarios/lifecycle-tour.yaml', 'scenarios/quickstart.yaml',
    ]));
  });
});

describe.each(files)('novasim run %s', (file) => {
  let out: string;
  let stdout: string;

  beforeAll(() => {
    out = join(dir, basename(file).replace(/\.\w+$/, ''));
    const r = runScenario(file, out);
    expect(r.stderr, 'stderr').toBe('');
    expect(r.status, r.stderr).toBe(0);
    stdout = r.stdout;
  });

  it('exits 0, says where the results are, and leaves only the results folder', () => {
    // Every shipped scenario checks its story: the table of what happened says they all held.
    expect(stdout.endsWith(`results written to ${out}\n`), stdout).toBe(true);
    expect(stdout).toMatch(/^ {2}expectations +all \d+ held$/m);
    const partial = readdirSync(dir).filter((n) => n.includes('.partial-'));
    expect(partial).toEqual([]);
  });

  it('writes every output file', () => {
    for (const name of OUTPUT_FILES) expect(existsSync(join(out, name)), name).toBe(true);
    expect(readdirSync(out).sort()).toEqual([...OUTPUT_FILES, 'expectations.json'].sort());
  });

  it('writes CSV files with the documented headers', () => {
    expect(read(out, 'events.csv').split('\n')[0]).toBe(EVENTS_HEADER);
    expect(read(out, 'servers.csv').split('\n')[0]).toMatch(/^server,/);
    expect(read(out, 'hosts.csv').split('\n')[0]).toMatch(/^host,/);
    expect(read(out, 'timeseries.csv').split('\n')[0]).toMatch(/^time,/);
    expect(read(out, 'migrations.csv').split('\n')[0]).toBe('server,kind,source,destination,start,end,duration_s,downtime_s,data_mb,rounds,outcome');
    // Every row has as many fields as its header.
    for (const name of ['events.csv', 'servers.csv', 'hosts.csv', 'timeseries.csv', 'migrations.csv']) {
      const [header, ...rows] = parseCsv(read(out, name));
      expect(rows.filter((r) => r.length !== header!.length), name).toEqual([]);
    }
  });

  it('counts in summary.json every request row of events.csv, per action and outcome', () => {
    const summary = JSON.parse(read(out, 'summary.json')) as { requests: Record<string, Counts>; trace_servers: unknown };
    // Server requests and scripted host events (fail_host, recover_host, ...) alike.
    const rows = readCsv(out, 'events.csv');
    const fromEvents: Record<string, Counts> = {};
    for (const e of rows) {
      if (e.outcome !== 'accepted' && e.outcome !== 'rejected' && e.outcome !== 'failed') continue;
      const action = e.action!;
      fromEvents[action] ??= { accepted: 0, rejected: 0, failed: 0 };
      fromEvents[action]![e.outcome]++;
    }
    expect(fromEvents).toEqual(summary.requests);
    const total = (c: Record<string, Counts>) => Object.values(c).reduce((n, x) => n + x.accepted + x.rejected, 0);
    expect(rows.filter((e) => e.outcome === 'accepted' || e.outcome === 'rejected')).toHaveLength(total(summary.requests));
    // A replayed PlanetLab trace runs its servers outside Nova (docs/consolidation.md): no request at all, and none counted.
    if (summary.trace_servers === null) expect(total(summary.requests)).toBeGreaterThan(0);
  });

  it("gives every rejected request, and only those, the HTTP status of Nova's answer", () => {
    const rows = readCsv(out, 'events.csv');
    const serverActions = new Set<string>(ACTION_NAMES);
    const rejected = rows.filter((e) => e.outcome === 'rejected' && serverActions.has(e.action!));
    for (const e of rejected) expect(['400', '401', '403', '404', '409'], `${e.action} ${e.reason}`).toContain(e.http_status);
    expect(rows.filter((e) => e.outcome !== 'rejected' && e.http_status !== '')).toEqual([]);
  });

  it('lists one servers.csv row per server created, and one hosts.csv row per host', () => {
    const summary = JSON.parse(read(out, 'summary.json'));
    const servers = readCsv(out, 'servers.csv');
    expect(servers).toHaveLength(summary.requests.create?.accepted ?? 0);
    expect(readCsv(out, 'hosts.csv')).toHaveLength(summary.hosts.total);
    const byStatus: Record<string, number> = {};
    for (const s of servers) byStatus[s.status!] = (byStatus[s.status!] ?? 0) + 1;
    const nonZero = Object.fromEntries(Object.entries(summary.servers_by_status).filter(([, n]) => n !== 0));
    expect(byStatus).toEqual(nonZero);
  });

  it('writes run.json naming the scenario, file and seed', () => {
    const run = JSON.parse(read(out, 'run.json'));
    const summary = JSON.parse(read(out, 'summary.json'));
    expect(run).toMatchObject({ scenario: summary.scenario, file, seed: summary.seed, overrides: [] });
  });

  it('validate accepts it (exit 0)', () => {
    const r = cli(['validate', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${file}: valid scenario '[^']+'\\n$`));
  });
});

describe('command-line options', () => {
  it('--set overrides scenario fields (and is recorded in run.json)', () => {
    const out = join(dir, 'set');
    const sets = ['--set', 'hosts.0.count=2', '--set', 'metrics.sample_interval=1h', '--set', 'name=tour-on-two-hosts'];
    const r = runScenario('scenarios/lifecycle-tour.yaml', out, sets);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readCsv(out, 'hosts.csv').map((h) => h.host)).toEqual(['compute-1', 'compute-2']);
    // duration 4h sampled every hour: 0, 1h, 2h, 3h, 4h.
    expect(readCsv(out, 'timeseries.csv').map((t) => t.time)).toEqual(['0', '3600', '7200', '10800', '14400']);
    expect(JSON.parse(read(out, 'summary.json')).scenario).toBe('tour-on-two-hosts');
    expect(JSON.parse(read(out, 'run.json')).overrides).toEqual(['hosts.0.count=2', 'metrics.sample_interval=1h', 'name=tour-on-two-hosts']);
  });

  it('--set config.* changes Nova behaviour', () => {
    const out = join(dir, 'set-config');
    // No reclaim interval: deletes are immediate, so the tour never shows SOFT_DELETED.
    const r = runScenario('scenarios/lifecycle-tour.yaml', out, ['--set', 'config.reclaim_instance_interval=0', '--set', 'expect=']);
    expect(r.status, r.stderr).toBe(0);
    const statuses = new Set(readCsv(out, 'events.csv').map((e) => e.status));
    expect(statuses.has('SOFT_DELETED')).toBe(false);
    expect(statuses.has('DELETED')).toBe(true);
  });

  it('--seed overrides the scenario seed', () => {
    const a = join(dir, 'seed-default');
    const b = join(dir, 'seed-5');
    expect(runScenario('scenarios/host-failure.yaml', a).status).toBe(0);
    const r = runScenario('scenarios/host-failure.yaml', b, ['--seed', '5']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(read(a, 'summary.json')).seed).toBe(11);
    expect(JSON.parse(read(b, 'summary.json')).seed).toBe(5);
    expect(JSON.parse(read(b, 'run.json')).seed).toBe(5);
    expect(read(b, 'events.csv')).not.toBe(read(a, 'events.csv'));
  });

  it('--no-report writes every output file but report.html', () => {
    const bare = join(dir, 'no-report');
    expect(runScenario('scenarios/lifecycle-tour.yaml', bare, ['--no-report']).status).toBe(0);
    expect(readdirSync(bare).sort()).toEqual([...OUTPUT_FILES.filter((n) => n !== 'report.html'), 'expectations.json'].sort());
  });

  it('--out replaces an existing results folder whole', () => {
    const out = join(dir, 'replace');
    expect(runScenario('scenarios/lifecycle-tour.yaml', out).status).toBe(0);
    const first = read(out, 'events.csv');
    expect(runScenario('scenarios/lifecycle-tour.yaml', out).status).toBe(0);
    expect(read(out, 'events.csv')).toBe(first);
    expect(readdirSync(out).sort()).toEqual([...OUTPUT_FILES, 'expectations.json'].sort());
  });

  it('without a command, prints usage and exits 2', () => {
    const r = cli([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/name a command: run, validate, servers, show, explain, diff, sweep, merge or serve/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
