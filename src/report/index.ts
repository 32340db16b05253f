/**
 * Reports: self-contained HTML pages with SVG charts (Vega-Lite, rendered
 * headless by Vega), drawn from a run's or a sweep's output texts. Pure: no
 * file, clock or network access; the same texts give the same bytes.
 */
export { runReport, type RunOutputs } from './run-report.js';
export { sweepReport, type SweepTables } from './sweep-report.js';
