import { hostUtilisationCsv } from '../../metrics/writers/host-utilisation-csv.js';
import { migrationsCsv } from '../../metrics/writers/migrations-csv.js';
import type { RenderedFile } from '../../metrics/writers/output-file.js';
import { timeseriesCsv } from '../../metrics/writers/timeseries-csv.js';
import type { RunRecord } from './run-record.js';
import { summaryJson } from './summary-json.js';

/**
 * report.html, drawn from the files the run just wrote, when asked for.
 * The report module (and Vega with it) loads only here, so runs without a
 * report do not pay for loading it.
 */
export const reportHtml = {
  kind: 'rendered',
  name: 'report.html',
  stable: false,
  optional: true,
  render: async (r) => {
    if (!r.info.report) return null;
    const { runReport } = await import('../../report/index.js');
    return runReport({
      summaryJson: r.read(summaryJson.name) ?? '{}',
      timeseriesCsv: r.read(timeseriesCsv.name) ?? '',
      migrationsCsv: r.read(migrationsCsv.name),
      marks: r.figures.marks.marks(r.end),
      hostUtilisationCsv: r.read(hostUtilisationCsv.name),
    });
  },
} as const satisfies RenderedFile<RunRecord>;
