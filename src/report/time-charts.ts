/**
 * The charts over time, drawn from timeseries.csv rows (already thinned)
 * and events.csv's marks; all share one x scale from day 0 to the run's end.
 */
import { cellNumber } from './csv.js';
import { DAY, FAILURE_COLOUR, overTime, timeAxis, WIDTH } from './axes.js';
import type { Chart } from './render.js';
import { MARK_KINDS, type TimeMark } from '../metrics/figures/time-marks.js';

type Row = Record<string, string>;

const day = (row: Row): number => (cellNumber(row['time']) ?? 0) / DAY;

/** What every chart over time needs besides its rows: the run's length and the host failures to draw across it. */
export interface TimeFrame {
  readonly days: number;
  /** Days at which a host failed (fail_host, partition_host). */
  readonly failures: readonly number[];
}

/** The API status columns: those between `time` and `used_vcpus`, less DELETED. */
function statusColumns(header: readonly string[]): string[] {
  const end = header.indexOf('used_vcpus');
  return header.slice(1, end < 0 ? 1 : end).filter((s) => s !== 'DELETED');
}

export function statusChart(rows: readonly Row[], frame: TimeFrame): Chart | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const statuses = statusColumns(Object.keys(first)).filter((s) => rows.some((r) => (cellNumber(r[s]) ?? 0) > 0));
  const values = rows.flatMap((r) => statuses.map((status) => ({ day: day(r), status, servers: cellNumber(r[status]) ?? 0 })));
  return overTime(
    'Servers by status',
    {
      data: { values },
      mark: { type: 'area', interpolate: 'step-after' },
      encoding: {
        x: timeAxis(frame.days),
        y: { field: 'servers', type: 'quantitative', stack: 'zero', title: 'servers' },
        color: { field: 'status', type: 'nominal', sort: statuses },
        order: { field: 'status', sort: 'ascending' },
      },
    },
    frame.failures,
  );
}

const RESOURCES = [
  ['vCPUs', 'used_vcpus', 'free_vcpus'],
  ['RAM', 'used_ram_mb', 'free_ram_mb'],
  ['disk', 'used_disk_gb', 'free_disk_gb'],
] as const;

export function utilisationChart(rows: readonly Row[], frame: TimeFrame): Chart | undefined {
  const values = rows.flatMap((r) =>
    RESOURCES.flatMap(([resource, used, free]) => {
      const u = cellNumber(r[used]);
      const total = (u ?? 0) + (cellNumber(r[free]) ?? 0);
      return u === undefined || total <= 0 ? [] : [{ day: day(r), resource, used: u / total }];
    }),
  );
  if (values.length === 0) return undefined;
  return overTime(
    'Utilisation (used / total)',
    {
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: timeAxis(frame.days),
        y: { field: 'used', type: 'quantitative', axis: { format: '%' }, scale: { domain: [0, 1] }, title: 'used' },
        color: { field: 'resource', type: 'nominal', sort: RESOURCES.map(([r]) => r) },
      },
    },
    frame.failures,
  );
}

/** Free room per flavor: the `headroom_<flavor>` columns, servers of each flavor that still fit. */
export function headroomChart(rows: readonly Row[], frame: TimeFrame): Chart | undefined {
  const flavors = Object.keys(rows[0] ?? {})
    .filter((c) => c.startsWith('headroom_'))
    .map((c) => c.slice('headroom_'.length));
  const values = rows.flatMap((r) =>
    flavors.flatMap((flavor) => {
      const fit = cellNumber(r[`headroom_${flavor}`]);
      return fit === undefined ? [] : [{ day: day(r), flavor, servers: fit }];
    }),
  );
  if (values.length === 0) return undefined;
  return overTime(
    'Free room: servers of each flavor that still fit',
    {
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: timeAxis(frame.days),
        y: { field: 'servers', type: 'quantitative', title: 'servers that fit' },
        color: { field: 'flavor', type: 'nominal', sort: flavors },
      },
    },
    frame.failures,
  );
}

export function powerChart(rows: readonly Row[], frame: TimeFrame): Chart | undefined {
  const values = rows.flatMap((r) => {
    const w = cellNumber(r['power_w']);
    return w === undefined ? [] : [{ day: day(r), power_w: w }];
  });
  if (values.length === 0) return undefined;
  return overTime(
    'Power drawn (W)',
    { data: { values }, mark: { type: 'line', interpolate: 'step-after' }, encoding: { x: timeAxis(frame.days), y: { field: 'power_w', type: 'quantitative', title: 'W' } } },
    frame.failures,
  );
}

/** Host failures, evacuations and operator actions on the run's time axis, one row per kind, a tick per slice of time. */
export function timelineChart(marks: readonly TimeMark[], frame: TimeFrame): Chart | undefined {
  if (marks.length === 0) return undefined;
  const kinds = MARK_KINDS.filter((k) => marks.some((m) => m.kind === k));
  return {
    title: 'Host failures, evacuations and operator actions',
    spec: {
      width: WIDTH,
      height: { step: 28 },
      data: { values: marks.map((m) => ({ ...m })) },
      mark: { type: 'tick', thickness: 2, aria: false },
      encoding: {
        x: timeAxis(frame.days),
        y: { field: 'kind', type: 'nominal', sort: kinds, title: null },
        color: {
          field: 'kind',
          type: 'nominal',
          sort: kinds,
          legend: null,
          scale: { domain: [...MARK_KINDS], range: [FAILURE_COLOUR, '#e67e22', '#27ae60', '#2980b9', '#7f8c8d'] },
        },
      },
    },
  };
}


/** What the servers have cost so far (timeseries.csv `cost`), when the scenario charges. */
export function costOverTimeChart(rows: readonly Row[], frame: TimeFrame): Chart | undefined {
  const values = rows.flatMap((r) => {
    const cost = cellNumber(r['cost']);
    return cost === undefined ? [] : [{ day: day(r), cost }];
  });
  if (values.length === 0) return undefined;
  return overTime(
    'Cost so far',
    { data: { values }, mark: { type: 'line', interpolate: 'linear' }, encoding: { x: timeAxis(frame.days), y: { field: 'cost', type: 'quantitative', title: 'cost' } } },
    frame.failures,
  );
}

/**
 * With utilisation-driven hosts (timeseries.csv's CPU columns): the hosts
 * in use and those giving their servers less CPU than asked (overloaded),
 * and the spread of the hosts' utilisation, over time.
 */
export function hostCpuCharts(rows: readonly Row[], frame: TimeFrame): Chart[] {
  if (rows[0] === undefined || !('hosts_cpu_active' in rows[0])) return [];
  const counts = rows.flatMap((r) => [
    { day: day(r), series: 'hosts in use', hosts: cellNumber(r['hosts_cpu_active']) ?? 0 },
    { day: day(r), series: 'hosts short of CPU (overloaded)', hosts: cellNumber(r['hosts_cpu_short']) ?? 0 },
  ]);
  const spread = rows.flatMap((r) =>
    (['p10', 'p50', 'p90', 'max'] as const).flatMap((p) => {
      const u = cellNumber(r[`cpu_util_${p}`]);
      return u === undefined ? [] : [{ day: day(r), percentile: p, utilisation: u }];
    }),
  );
  const line = (values: readonly object[], y: string, title: string, colour: string) => ({
    data: { values: [...values] },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: { x: timeAxis(frame.days), y: { field: y, type: 'quantitative', title }, color: { field: colour, type: 'nominal', title: null } },
  });
  return [
    overTime('Hosts in use and hosts overloaded', line(counts, 'hosts', 'hosts', 'series'), frame.failures),
    overTime('CPU utilisation of the hosts in use (percentiles)', line(spread, 'utilisation', 'utilisation', 'percentile'), frame.failures),
  ];
}
