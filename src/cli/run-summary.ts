/**
 * What `novasim run` prints at its end: what happened, read from the
 * summary.json the run wrote (never recomputed), as a short two-column
 * table. Nothing of it goes into the results folder.
 */
import type { ExpectationReport } from '../scenario/expectations.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const entries = (v: unknown): [string, unknown][] => Object.entries(obj(v) ?? {});

/** How many refusal reasons the table lists; summary.json keeps more. */
const TOP_REASONS = 3;
/** Reasons are cut to this many characters, so a row fits a terminal. */
const REASON_WIDTH = 90;

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (x: number | undefined): string => (x === undefined ? '-' : `${Math.round(x * 1000) / 10}%`);
const round = (x: number, digits: number): string => Number(x.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
const cut = (text: string): string => (text.length > REASON_WIDTH ? `${text.slice(0, REASON_WIDTH - 3)}...` : text);

/** Simulated seconds in words: 7 d, 36 h, 90 min, 45 s. */
export function durationText(seconds: number): string {
  if (seconds >= 2 * 86_400) return `${round(seconds / 86_400, 1)} d`;
  if (seconds >= 2 * 3600) return `${round(seconds / 3600, 1)} h`;
  if (seconds >= 120) return `${round(seconds / 60, 1)} min`;
  return `${round(seconds, 1)} s`;
}

/** The counts of a `{ name: n }` section, largest first (ties by name), zeros left out: `ACTIVE 209, SHUTOFF 83`. */
function counts(section: unknown, leave: readonly string[] = []): string {
  return entries(section)
    .flatMap(([k, v]) => (leave.includes(k) || !(num(v)! > 0) ? [] : [[k, num(v)!] as const]))
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k} ${count(n)}`)
    .join(', ');
}

function serverRows(summary: Json): string[][] {
  const byStatus = obj(summary['servers_by_status']) ?? {};
  const live = entries(byStatus).reduce((sum, [s, n]) => (s === 'DELETED' ? sum : sum + (num(n) ?? 0)), 0);
  const deleted = num(byStatus['DELETED']) ?? 0;
  const statuses = counts(byStatus, ['DELETED']);
  const rows = [['servers', `${count(live)} at the end${statuses === '' ? '' : `: ${statuses}`}; ${count(deleted)} deleted`]];
  // Servers whose CPU follows a trace live in the datacenter cycle, not Nova's lifecycle: summary.json counts them apart.
  const traced = obj(summary['trace_servers']);
  if (traced !== undefined)
    rows.push(['trace servers', `${count(num(traced['total']) ?? 0)}: ${count(num(traced['deleted']) ?? 0)} deleted, ${count(num(traced['unplaced']) ?? 0)} never placed`]);
  return rows;
}

function requestRows(summary: Json): string[][] {
  let accepted = 0;
  let rejected = 0;
  let failed = 0;
  for (const [, v] of entries(summary['requests'])) {
    accepted += num(obj(v)?.['accepted']) ?? 0;
    rejected += num(obj(v)?.['rejected']) ?? 0;
    failed += num(obj(v)?.['failed']) ?? 0;
  }
  const rows = [['requests', `${count(accepted)} accepted, ${count(rejected)} refused, ${count(failed)} failed`]];
  const reasons = Array.isArray(obj(summary['refusals'])?.['top_reasons']) ? (obj(summary['refusals'])!['top_reasons'] as unknown[]) : [];
  for (const r of reasons.slice(0, TOP_REASONS)) {
    const reason = obj(r) ?? {};
    rows.push(['', `${count(num(reason['count']) ?? 0)} x ${String(reason['action'] ?? '?')} ${String(reason['http_status'] ?? '')}: ${cut(String(reason['reason'] ?? ''))}`]);
  }
  if (reasons.length > TOP_REASONS) rows.push(['', `... ${reasons.length - TOP_REASONS} more reasons in summary.json refusals`]);
  return rows;
}

function placementRows(summary: Json): string[][] {
  const p = obj(summary['placements']);
  if (p === undefined) return [];
  const failed = num(p['failed']) ?? 0;
  const filters = counts(p['failed_by_filter']);
  return [['placements', `${count(num(p['attempted']) ?? 0)} attempted, ${count(failed)} failed${failed > 0 && filters !== '' ? ` (last host removed by ${filters})` : ''}`]];
}

function utilisationRows(summary: Json): string[][] {
  const mean = obj(summary['mean_utilisation']);
  const peak = obj(summary['peak_utilisation']);
  if (mean === undefined) return [];
  const one = (label: string, key: string): string => `${label} ${percent(num(mean[key]))}${peak === undefined ? '' : ` / ${percent(num(peak[key]))}`}`;
  return [[peak === undefined ? 'utilisation, mean' : 'utilisation, mean / peak', [one('vCPUs', 'vcpus'), one('RAM', 'ram'), one('disk', 'disk')].join(', ')]];
}

function failureRows(summary: Json): string[][] {
  const f = obj(summary['failures']);
  const n = num(f?.['count']) ?? 0;
  if (f === undefined || n === 0) return [];
  const evacuated = num(obj(f['evacuate_s'])?.['evacuated']) ?? 0;
  const failed = num(f['not_evacuated']) ?? 0;
  const affected = num(f['servers_affected']) ?? 0;
  // not_evacuated counts evacuations that failed; the rest were never moved (they waited for their host, or were deleted).
  const stayed = Math.max(0, affected - evacuated - failed);
  return [['host failures', `${count(n)} (${count(affected)} servers on them): ${count(evacuated)} evacuated, ${count(failed)} evacuations failed, ${count(stayed)} not moved`]];
}

function migrationRows(summary: Json): string[][] {
  const m = obj(summary['migrations']);
  const n = num(m?.['count']) ?? 0;
  if (m === undefined || n === 0) return [];
  const kinds = entries(m['by_kind']).map(([k, v]) => [k, obj(v)?.['count']] as const);
  const failed = (num(m['failed']) ?? 0) + (num(m['aborted']) ?? 0);
  return [['migrations', `${count(n)}: ${counts(Object.fromEntries(kinds))}${failed > 0 ? `; ${count(failed)} failed or aborted` : ''}`]];
}

function energyRows(summary: Json): string[][] {
  const rows: string[][] = [];
  const e = obj(summary['energy']);
  const kwh = num(e?.['total_kwh']);
  if (kwh !== undefined) rows.push(['energy', `${round(kwh, 1)} kWh, mean ${round(num(e?.['mean_power_w']) ?? 0, 0)} W, peak ${round(num(e?.['peak_power_w']) ?? 0, 0)} W`]);
  const cost = num(obj(summary['cost'])?.['total']);
  if (cost !== undefined) rows.push(['cost', `${round(cost, 2)}${entries(obj(summary['cost'])?.['by_project']).length > 1 ? `: ${entries(obj(summary['cost'])?.['by_project']).map(([p, c]) => `${p} ${round(num(c) ?? 0, 2)}`).join(', ')}` : ''}`]);
  return rows;
}

/** Dynamic consolidation's service figures (summary.json `sla`), when the scenario's servers follow CPU traces. */
function slaRows(summary: Json): string[][] {
  const sla = obj(summary['sla']);
  if (sla === undefined) return [];
  const shutdowns = num(obj(summary['hosts'])?.['shutdowns']);
  const exp = (x: unknown): string => (num(x) ?? 0).toExponential(3);
  return [
    ['SLA', `SLATAH ${percent(num(sla['slatah']))}, PDM ${round((num(sla['pdm']) ?? 0) * 100, 4)}%, SLAV ${exp(sla['slav'])}, ESV ${exp(sla['esv'])}${shutdowns === undefined ? '' : `; ${count(shutdowns)} host shutdowns`}`],
  ];
}

function expectationRows(report: ExpectationReport | null): string[][] {
  if (report === null) return [];
  const total = report.verdicts.length;
  return [['expectations', report.failed === 0 ? `all ${total} held` : `${report.failed} of ${total} FAILED (below)`]];
}

/**
 * The end-of-run table: what happened in the simulated run, from its
 * summary.json, then the expectations' verdict and where the report is.
 */
export function runSummaryText(summaryJson: string, expectations: ExpectationReport | null, report: string | undefined): string {
  const summary = obj(JSON.parse(summaryJson)) ?? {};
  const hosts = num(obj(summary['hosts'])?.['total']);
  const title = `${String(summary['scenario'] ?? '?')}, seed ${String(summary['seed'] ?? '?')}: ${durationText(num(summary['duration']) ?? 0)} simulated${hosts === undefined ? '' : `, ${count(hosts)} hosts`}`;
  const rows = [
    ...serverRows(summary),
    ...requestRows(summary),
    ...placementRows(summary),
    ...utilisationRows(summary),
    ...failureRows(summary),
    ...migrationRows(summary),
    ...energyRows(summary),
    ...slaRows(summary),
    ...expectationRows(expectations),
    ...(report === undefined ? [] : [['report', report]]),
  ];
  const width = Math.max(...rows.map(([k = '']) => k.length));
  return `${title}\n${rows.map(([k = '', v = '']) => `  ${k.padEnd(width)}  ${v}`.trimEnd()).join('\n')}\n`;
}
