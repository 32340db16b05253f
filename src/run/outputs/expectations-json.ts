import type { RenderedFile } from '../../metrics/writers/output-file.js';
import { evaluateExpectations, expectationsText, type ExpectationReport } from '../../scenario/expectations.js';
import type { Scenario } from '../../scenario/schema.js';
import type { RunRecord } from './run-record.js';
import { summaryText } from './summary-json.js';
import type { Summary } from './summary-sections.js';

/** The verdicts of the scenario's `expect:` list on summary.json as written; null when the list is empty. */
export function verdictsOn(summary: Summary, expect: Scenario['expect']): ExpectationReport | null {
  return expect.length === 0 ? null : evaluateExpectations(JSON.parse(summaryText(summary)), expect);
}

export const expectationsJson = {
  kind: 'rendered',
  name: 'expectations.json',
  stable: true,
  optional: true,
  render: (r) => (r.expectations === null ? null : expectationsText(r.expect, r.expectations)),
} as const satisfies RenderedFile<RunRecord>;
