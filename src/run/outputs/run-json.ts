import type { RenderedFile } from '../../metrics/writers/output-file.js';
import { shownOverride } from '../../scenario/secrets.js';
import type { RunRecord } from './run-record.js';

/** run.json: how the run was asked for and what it cost in wall-clock time; the only file with wall-clock facts. */
export const runJson = {
  kind: 'rendered',
  name: 'run.json',
  stable: false,
  render: (r) => {
    const run = {
      scenario: r.scenario,
      file: r.info.file,
      seed: r.seed,
      overrides: r.info.overrides.map(shownOverride),
      novasim: process.env['npm_package_version'] ?? '0.1.0',
      node: process.version,
      started_at: r.startedAt.toISOString(),
      wall_seconds: Number(r.wallSeconds.toFixed(3)),
      events_processed: r.events,
      events_per_second: Math.round(r.events / Math.max(r.wallSeconds, 1e-9)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    return `${JSON.stringify(run, null, 2)}\n`;
  },
} as const satisfies RenderedFile<RunRecord>;
