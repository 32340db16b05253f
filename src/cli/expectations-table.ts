import type { ExpectationReport } from '../scenario/expectations.js';
import { textTable } from './text-table.js';

const shown = (value: unknown): string => (value === undefined ? '(missing)' : typeof value === 'string' ? value : JSON.stringify(value));

/** The verdicts of a scenario's `expect:` list as an aligned table, failures explained below it. */
export function expectationsTable(report: ExpectationReport): string {
  const rows = report.verdicts.map((v) => [v.metric, v.expected, shown(v.actual), v.held ? 'held' : 'FAILED']);
  const reasons = report.verdicts.filter((v) => v.reason !== undefined).map((v) => `  ${v.metric}: ${v.reason}\n`);
  const total = report.verdicts.length;
  const verdict = report.failed === 0 ? `all ${total} expectations held` : `${report.failed} of ${total} expectations FAILED`;
  return `${textTable(['metric', 'expected', 'actual', 'result'], rows, [2])}${reasons.join('')}${verdict}\n`;
}
