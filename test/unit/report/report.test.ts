import { describe, expect, it } from 'vitest';
import { runReport, sweepReport } from '../../../src/report/index.js';
import { parseCsv } from '../../../src/report/csv.js';
import { heatmapCells } from '../../../src/report/heatmap.js';

const STATUS = 'ACTIVE,BUILD,DELETED,SHUTOFF';
const timeseriesCsv = [
  `time,${STATUS},used_vcpus,free_vcpus,used_ram_mb,free_ram_mb,used_disk_gb,free_disk_gb,hosts_up,power_w,hosts_powered_on`,
  '0,0,2,0,0,2,30,4096,61440,40,360,2,,2',
  '3600,3,0,1,1,8,24,16384,49152,160,240,2,350.5,2',
  '7200,4,0,2,0,8,24,16384,49152,160,240,2,360,2',
].join('\n');
const summary = {
  scenario: 'tiny <cloud>',
  seed: 7,
  duration: 7200,
  servers_by_status: { ACTIVE: 4, BUILD: 0, DELETED: 2, SHUTOFF: 0 },
  placements: { attempted: 7, succeeded: 6, failed: 1, by_purpose: { create: { attempted: 6, failed: 1 }, migrate: { attempted: 1, failed: 0 } }, failed_by_filter: { ComputeFilter: 1 } },
  hosts: { total: 2, up: 2 },
  mean_utilisation: { vcpus: 0.2, ram: 0.25, disk: 0.3 },
  migrations: { count: 1, by_kind: { migration: { count: 1, downtime_s: { p50: 30, p95: 30, max: 30 } } } },
  energy: { total_kwh: 0.7 },
  cost: { total: 12.5, by_project: { web: 10, batch: 2.5 } },
};
const migrationsCsv = 'server,kind,source,destination,start,end,duration_s,downtime_s,data_mb,rounds,outcome\n"web-1",migration,c1,c2,100,130,30,30,1024,0,confirmed\n';
const outputs = { summaryJson: JSON.stringify(summary), timeseriesCsv, migrationsCsv };

const svgCount = (html: string): number => html.match(/<svg[\s>]/g)?.length ?? 0;
/** Every URL in the page: only the SVG and XLink namespaces may appear, and nothing may be loaded. */
const urls = (html: string): string[] => [...new Set(html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])].sort();

describe('runReport', () => {
  it('with utilisation-driven hosts, draws the hosts in use and overloaded over time and their utilisation, and heads the page with the SLA figures', async () => {
    const cpu = [
      `time,${STATUS},power_w,hosts_powered_on,hosts_cpu_active,cpu_util_p10,cpu_util_p50,cpu_util_p90,cpu_util_max,hosts_cpu_short`,
      '0,0,0,0,0,,0,,,,,0',
      '300,0,0,0,0,900,2,2,0.1,0.5,0.8,0.8,1',
    ].join('\n');
    const sla = { ...summary, hosts: { total: 2, up: 2, shutdowns: 3 }, sla: { slatah: 0.05, pdm: 0.0007, slav: 0.000035, esv: 0.007 } };

    const html = await runReport({ summaryJson: JSON.stringify(sla), timeseriesCsv: cpu });

    const titles = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(titles).toEqual(expect.arrayContaining(['Hosts in use and hosts overloaded', 'CPU utilisation of the hosts in use (percentiles)']));
    expect(html).toContain('<dt>SLATAH / PDM</dt><dd>5% / 0.07%</dd>');
    expect(html).toContain('<dt>host shutdowns</dt><dd>3</dd>');
  });

  it('draws a self-contained page: header figures, one SVG per chart, escaped text', async () => {
    const html = await runReport(outputs);

    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<h1>novasim run: tiny &lt;cloud&gt;</h1>');
    expect(html).toContain('<dt>seed</dt><dd>7</dd>');
    expect(html).toContain('<dt>duration</dt><dd>2 h</dd>');
    const titles = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Servers by status', 'Utilisation (used / total)', 'Power drawn (W)', 'Placements by purpose', 'Failed placements by filter',
      'Migrations by kind', 'Downtime of each migration, by kind', 'Cost by project',
    ]);
    expect(svgCount(html)).toBe(titles.length);
    expect(html).toMatch(/<path[^>]* d="M/); // areas and lines are drawn, not just axes
    expect(urls(html)).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
    expect(html).not.toMatch(/<script|<link|@import|url\(http/);
  });

  it('gives the same bytes for the same outputs', async () => {
    const [a, b] = [await runReport(outputs), await runReport(outputs)];
    expect(b).toBe(a);
  });

  it('leaves out the charts a run has no data for', async () => {
    const bare = { ...summary, migrations: { count: 0, by_kind: {} }, cost: null, energy: null, placements: { ...summary.placements, failed_by_filter: {} } };
    const noPower = timeseriesCsv.replace(/,350\.5,|,360,/g, ',,');
    const html = await runReport({ summaryJson: JSON.stringify(bare), timeseriesCsv: noPower });
    expect([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual(['Servers by status', 'Utilisation (used / total)', 'Placements by purpose']);
  });
});

describe('the time axis of a run report', () => {
  const marks = [
    { day: 1800 / 86_400, kind: 'host failure', count: 1 },
    { day: 1860 / 86_400, kind: 'host down or fenced', count: 1 },
    { day: 2000 / 86_400, kind: 'evacuation', count: 2 },
    { day: 3600 / 86_400, kind: 'operator action', count: 2 },
    { day: 7000 / 86_400, kind: 'host back', count: 1 },
  ] as const;

  it('draws the timeline first, and each host failure across the charts over time', async () => {
    const withHeadroom = timeseriesCsv.replace('hosts_powered_on', 'hosts_powered_on,headroom_m1.small,headroom_m1.large').split('\n');
    const rows = [withHeadroom[0], ...withHeadroom.slice(1).map((r, i) => `${r},${8 - i},${2 - i}`)].join('\n');

    const html = await runReport({ ...outputs, timeseriesCsv: rows, marks });

    const titles = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(titles.slice(0, 5)).toEqual([
      'Host failures, evacuations and operator actions', 'Servers by status', 'Utilisation (used / total)',
      'Free room: servers of each flavor that still fit', 'Power drawn (W)',
    ]);
    expect(svgCount(html)).toBe(titles.length);
    const figures = html.split('<figure>').slice(1);
    // One dashed rule per chart over time (status, utilisation, free room, power), none on the counts.
    expect(figures.map((f) => (f.match(/stroke-dasharray="4,3"/g) ?? []).length)).toEqual([0, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(html).toContain('m1.large');
  });
});

describe('the heatmap of host utilisation', () => {
  const hostsCsv = [
    'time,row,hosts,hosts_down,used_vcpus,vcpus,used_ram_mb,ram_mb,used_disk_gb,disk_gb',
    '0,c1,1,0,0,16,0,16384,0,200',
    '0,c2,1,0,2,16,0,16384,0,200',
    '3600,c1,1,0,1,16,8192,16384,10,200',
    '3600,c2,1,0,2,16,1000,16384,0,200',
    '7200,c1,1,1,1,16,8192,16384,10,200',
    '7200,c2,1,0,2,16,1000,16384,0,200',
    '10800,c1,1,1,1,16,8192,16384,10,200',
    '10800,c2,1,0,16,16,1000,16384,0,200',
  ].join('\n');

  it("colours each host by its highest share in use, in steps of 10%, merging equal neighbours in time; a host down is its own cell", () => {
    const { rows, cells, grouped } = heatmapCells(hostsCsv);
    const d = (s: number): number => s / 86_400;

    expect(rows).toEqual(['c1', 'c2']);
    expect(grouped).toBe(false);
    expect(cells).toEqual([
      { row: 'c1', day: 0, day_end: d(3600), used: 0, down: false },
      { row: 'c2', day: 0, day_end: d(10800), used: 0.1, down: false }, // 2/16 vCPUs, then 2/16 still: one cell
      { row: 'c1', day: d(3600), day_end: d(7200), used: 0.5, down: false },
      { row: 'c1', day: d(7200), day_end: d(10800), used: 0.5, down: true },
    ]);
  });

  it('draws a rectangle per cell, with a refusal chart and the cost so far when the run has them', async () => {
    const withCost = timeseriesCsv.split('\n').map((r, i) => `${r},${i === 0 ? 'cost' : i * 1.5}`).join('\n');
    const refused = { ...summary, refusals: { total: 3, by_status: { '409': 3 }, top_reasons: [{ action: 'pause', http_status: 409, reason: 'Cannot pause', count: 3 }], other: 0 } };

    const html = await runReport({ summaryJson: JSON.stringify(refused), timeseriesCsv: withCost, hostUtilisationCsv: hostsCsv });

    const titles = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(titles).toContain('Host utilisation: the highest share of vCPUs, RAM or disk in use');
    expect(titles).toContain('Cost so far');
    expect(titles).toContain('Requests refused, by reason (the most frequent)');
    const heatmap = html.split('<h2>').find((f) => f.startsWith('Host utilisation'))!;
    expect(heatmap.match(/role-mark[\s\S]*?<\/g>/)![0].match(/<path /g)).toHaveLength(4); // one per cell
  });
});

describe('sweepReport', () => {
  const summaryCsv = [
    'configuration,scheduler.policy,metric,n,mean,sd,ci95_low,ci95_high',
    'scheduler.policy=pack,pack,headroom.m1.large,3,10,1,7.5,12.5',
    '"scheduler.policy=spread,x=1",spread,headroom.m1.large,3,9,1,6.5,11.5',
    'scheduler.policy=pack,pack,placements.failed,1,2,,,',
  ].join('\n');
  const pairedCsv = 'dimension,from,to,fixed,metric,n,mean,sd,ci95_low,ci95_high\nscheduler.policy,pack,spread,,headroom.m1.large,3,-1,0.5,-2.2,0.2\n';

  it('charts each metric by configuration, then each paired difference, with their intervals', async () => {
    const html = await sweepReport({ name: 'tiny', summaryCsv, pairedCsv });
    expect([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      'headroom.m1.large: mean by configuration, 95% CI',
      'placements.failed: mean by configuration, 95% CI',
      'headroom.m1.large: paired difference, 95% CI',
    ]);
    expect(svgCount(html)).toBe(3);
    expect(html).toContain('scheduler.policy=spread,x=1'); // a quoted CSV cell keeps its comma
    expect(urls(html)).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
    expect(await sweepReport({ name: 'tiny', summaryCsv, pairedCsv })).toBe(html);
  });
});

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x,1","say ""hi""\nthere"\r\n3,\n')).toEqual([
      { a: 'x,1', b: 'say "hi"\nthere' },
      { a: '3', b: '' },
    ]);
  });
});
