/**
 * The heatmap of host utilisation over time, from host-utilisation.csv:
 * one row per host (or group of hosts, as the file has them), time across,
 * the colour the row's highest share of vCPUs, RAM or disk in use.
 */
import { DAY, overTime, timeAxis } from './axes.js';
import { cellNumber, csvRows } from './csv.js';
import type { Chart } from './render.js';
import type { TimeFrame } from './time-charts.js';

/** Shares are drawn in steps of this size; equal neighbours in time merge into one rectangle, so the page stays small. */
const STEP = 0.1;
const ROW_HEIGHT = 14;

interface Cell {
  readonly row: string;
  readonly day: number;
  day_end: number;
  readonly used: number;
  readonly down: boolean;
}

/** The row's highest share in use of vCPUs, RAM and disk (0 without capacity), rounded down to a STEP. */
function share(cells: readonly string[], at: Readonly<Record<string, number>>): number {
  const part = (used: string, total: string): number => {
    const t = cellNumber(cells[at[total]!]) ?? 0;
    return t > 0 ? (cellNumber(cells[at[used]!]) ?? 0) / t : 0;
  };
  const top = Math.max(part('used_vcpus', 'vcpus'), part('used_ram_mb', 'ram_mb'), part('used_disk_gb', 'disk_gb'));
  return Math.min(1, Math.floor(top / STEP + 1e-9) * STEP);
}

/** The cells of the file, each lasting until its row's next sample, equal neighbours merged. O(rows of the file). */
export function heatmapCells(csv: string): { rows: string[]; cells: Cell[]; grouped: boolean } {
  const [header = [], ...body] = csvRows(csv);
  const at = Object.fromEntries(header.map((name, i) => [name, i]));
  const rows: string[] = [];
  const open = new Map<string, Cell>();
  const cells: Cell[] = [];
  let grouped = false;
  for (const r of body) {
    if ((cellNumber(r[at['hosts']!]) ?? 1) > 1) grouped = true;
    const row = r[at['row']!] ?? '';
    const day = (cellNumber(r[at['time']!]) ?? 0) / DAY;
    const used = share(r, at);
    const down = (cellNumber(r[at['hosts_down']!]) ?? 0) >= (cellNumber(r[at['hosts']!]) ?? 1);
    const last = open.get(row);
    if (last === undefined) rows.push(row);
    else last.day_end = day;
    if (last !== undefined && last.used === used && last.down === down) continue;
    const cell = { row, day, day_end: day, used, down };
    cells.push(cell);
    open.set(row, cell);
  }
  return { rows, cells: cells.filter((c) => c.day_end > c.day), grouped };
}

export function heatmapChart(csv: string | undefined, frame: TimeFrame): Chart | undefined {
  if (csv === undefined) return undefined;
  const { rows, cells, grouped } = heatmapCells(csv);
  if (cells.length === 0) return undefined;
  return overTime(
    `Host utilisation${grouped ? ' (hosts in groups)' : ''}: the highest share of vCPUs, RAM or disk in use`,
    {
      data: { values: cells.map((c) => ({ ...c })) },
      // No aria-label per rectangle: hundreds of them would double the page for little a screen reader can use.
      mark: { type: 'rect', aria: false },
      encoding: {
        x: timeAxis(frame.days),
        x2: { field: 'day_end' },
        y: { field: 'row', type: 'nominal', sort: rows, title: null, axis: { labelLimit: 240 } },
        color: {
          field: 'used',
          type: 'quantitative',
          scale: { domain: [0, 1], scheme: 'blues' },
          legend: { format: '%', title: 'in use' },
          // A row whose hosts are all down: its claims stay, but nothing runs there.
          condition: { test: 'datum.down', value: '#bbbbbb' },
        },
      },
    },
    frame.failures,
    { step: ROW_HEIGHT },
  );
}
