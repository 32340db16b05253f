import type { RenderedFile } from '../../metrics/writers/output-file.js';
import type { RunRecord } from './run-record.js';
import type { Summary } from './summary-sections.js';

/** summary.json's text: two-space indent and a final newline. */
export const summaryText = (summary: Summary): string => `${JSON.stringify(summary, null, 2)}\n`;

export const summaryJson = {
  kind: 'rendered',
  name: 'summary.json',
  stable: true,
  render: (r) => summaryText(r.summary),
} as const satisfies RenderedFile<RunRecord>;
