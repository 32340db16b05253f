/**
 * What `novasim run` prints at its end, through the command line: the
 * table of what happened (read from the summary.json it wrote), --json,
 * --quiet, and the progress line on a terminal. None of it may change the
 * results folder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, read, runScenario, tempDir } from './helpers.js';

const QUICKSTART = 'scenarios/quickstart.yaml';

let dir: string;
let table: ReturnType<typeof runScenario>;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('run-summary');
  table = runScenario(QUICKSTART, join(dir, 'table'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file of a results folder but run.json (wall-clock facts), by digest. */
const folderDigest = (out: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(out)
      .filter((f) => f !== 'run.json')
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(join(out, f))).digest('hex')]),
  );

describe('novasim run: the table of what happened', () => {
  it("tells the quickstart's week from its summary.json: servers, requests, placements, utilisation, the failure and its evacuation, migrations, expectations, the report", () => {
    const out = join(dir, 'table');
    const summary = JSON.parse(read(out, 'summary.json'));
    const lines = table.stdout.split('\n');

    expect(table.status, table.stderr).toBe(0);
    expect(lines[0]).toBe('quickstart, seed 42: 7 d simulated, 12 hosts');
    expect(table.stdout).toMatch(new RegExp(`^  servers +${summary.servers_by_status.ACTIVE + summary.servers_by_status.SHUTOFF} at the end: ACTIVE ${summary.servers_by_status.ACTIVE}, SHUTOFF ${summary.servers_by_status.SHUTOFF}; ${summary.servers_by_status.DELETED} deleted$`, 'm'));
    // The figures are summary.json's, as the run wrote it: the table recomputes nothing.
    const refused = Object.values(summary.requests as Record<string, { rejected: number }>).reduce((n, r) => n + r.rejected, 0);
    const reasons = (summary.refusals.top_reasons as { action: string; http_status: number; reason: string; count: number }[])
      .slice(0, 3)
      .map((r) => `\n +${r.count} x ${r.action} ${r.http_status}: ${r.reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
      .join('');
    expect(refused).toBeGreaterThan(0);
    expect(table.stdout).toMatch(new RegExp(`^ {2}requests +[\\d,]+ accepted, ${refused} refused, 0 failed${reasons}$`, 'm'));
    expect(table.stdout).toMatch(/^ {2}placements +1,032 attempted, 0 failed$/m);
    const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`.replace('.', '\\.');
    const [mean, peak] = [summary.mean_utilisation, summary.peak_utilisation];
    expect(table.stdout).toMatch(new RegExp(`^ {2}utilisation, mean / peak +vCPUs ${pct(mean.vcpus)} / ${pct(peak.vcpus)}, RAM ${pct(mean.ram)} / ${pct(peak.ram)}, disk ${pct(mean.disk)} / ${pct(peak.disk)}$`, 'm'));
    const notMoved = summary.failures.servers_affected - 1;
    expect(table.stdout).toMatch(new RegExp(`^ {2}host failures +1 \\(${summary.failures.servers_affected} servers on them\\): 1 evacuated, 0 evacuations failed, ${notMoved} not moved$`, 'm'));
    expect(table.stdout).toMatch(/^ {2}migrations +2: evacuation 1, resize 1$/m);
    expect(table.stdout).toMatch(/^ {2}expectations +all 7 held$/m);
    expect(table.stdout).toMatch(new RegExp(`^ {2}report +${join(out, 'report.html').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(table.stdout.endsWith(`results written to ${out}\n`)).toBe(true);
    expect(table.stdout).not.toMatch(/^ {2}(energy|cost) /m); // the quickstart models neither
  });

  it('shows energy and cost when the scenario models them', () => {
    const r = runScenario('scenarios/weekend-shelving.yaml', join(dir, 'shelving'), ['--no-report']);

    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(read(join(dir, 'shelving'), 'summary.json'));
    const figure = (x: number, digits: number): string => Number(x.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits }).replace(/\./g, '\\.');
    const { energy, cost } = summary;

    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^ {2}energy +${figure(energy.total_kwh, 1)} kWh, mean ${figure(energy.mean_power_w, 0)} W, peak ${figure(energy.peak_power_w, 0)} W$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ {2}cost +${figure(cost.total, 2)}: dev ${figure(cost.by_project.dev, 2)}, prod ${figure(cost.by_project.prod, 2)}$`, 'm'));
    expect(r.stdout).not.toMatch(/^ {2}report /m); // --no-report: no report to point at
  });

  it('shows the trace servers and the SLA figures of a dynamic-consolidation run', () => {
    const out = join(dir, 'planetlab');
    const r = runScenario('scenarios/planetlab-20110303.yaml', out, ['--no-report']);
    const { trace_servers: traced, hosts } = JSON.parse(read(out, 'summary.json'));

    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^ {2}trace servers +${traced.total.toLocaleString('en-US')}: ${traced.deleted} deleted, ${traced.unplaced} never placed$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ {2}SLA +SLATAH [\\d.]+%, PDM [\\d.]+%, SLAV [\\d.]+e-\\d+, ESV [\\d.]+e-\\d+; ${hosts.shutdowns.toLocaleString('en-US')} host shutdowns$`, 'm'));
  });

  it('lists failed expectations under the table and exits 1', () => {
    const r = runScenario('scenarios/stack-or-spread.yaml', join(dir, 'pack'), ['--set', 'scheduler.policy=pack', '--no-report']);

    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}expectations +4 of 8 FAILED \(below\)$/m);
    expect(r.stdout).toMatch(/^headroom\.m1\.large +=\s*235 +257 +FAILED$/m);
  });

  it('--json prints summary.json byte for byte instead, and the folder is the same as with the table', () => {
    const out = join(dir, 'json');

    const r = runScenario(QUICKSTART, out, ['--json']);

    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(read(out, 'summary.json'));
    expect(folderDigest(out)).toEqual(folderDigest(join(dir, 'table')));
  });

  it('--quiet prints nothing on success; failed expectations go to stderr, exit 1', () => {
    const quiet = runScenario(QUICKSTART, join(dir, 'quiet'), ['--quiet']);
    const failing = runScenario('scenarios/stack-or-spread.yaml', join(dir, 'quiet-pack'), ['--quiet', '--set', 'scheduler.policy=pack', '--no-report']);

    expect([quiet.status, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
    expect(folderDigest(join(dir, 'quiet'))).toEqual(folderDigest(join(dir, 'table')));
    expect([failing.status, failing.stdout]).toEqual([1, '']);
    expect(failing.stderr).toMatch(/4 of 8 expectations FAILED\n$/);
  });

  it('--quiet and --json together are refused, exit 2', () => {
    const r = runScenario(QUICKSTART, join(dir, 'both'), ['--quiet', '--json']);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain('mutually exclusive');
  });
});

// `script` (util-linux) runs the command on a pseudo-terminal, as a person at a terminal would.
const noScript = spawnSync('sh', ['-c', 'command -v script']).status !== 0;

describe('novasim run on a terminal', () => {
  it.skipIf(noScript)('redraws one progress line in place, with events/s and the time left, and clears it before the table', () => {
    const out = join(dir, 'tty');
    // Four months of stack-or-spread, past the month its checks describe: a run of seconds, long enough to redraw.
    const command = [process.execPath, CLI, 'run', 'scenarios/stack-or-spread.yaml', '--out', out, '--no-report', '--set', 'duration=120d', '--set', 'expect='].map((a) => `'${a}'`).join(' ');

    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });

    expect(r.status, r.stderr).toBe(0);
    const [progress = '', rest = ''] = r.stdout.split('\r\x1b[K');
    expect(progress).toMatch(/^(\r *\d+% of simulated time, [\d.]+ [kM]? ?events\/s, \d+ s left: stack-or-spread\.yaml\x1b\[K)+$/);
    expect(progress).not.toContain('\n');
    expect(rest.startsWith('stack-or-spread, seed 7: 120 d simulated, 60 hosts')).toBe(true);
  });
});
