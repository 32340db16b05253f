/**
 * Opens a run's report.html in headless Chromium, from disk, and checks what
 * the browser built: one <svg> per chart, each with drawn marks, and no
 * error. Skipped (with the reason) on a machine without a Chromium binary;
 * .ci/run installs one when it can.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, read, runScenario, tempDir } from './helpers.js';

const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome'];
const browser = BROWSERS.find((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
const noBrowser = browser === undefined;
if (noBrowser) console.warn(`report-browser.test: skipped, no ${BROWSERS.join(' / ')} binary on PATH (apt-get install chromium)`);

let dir: string;
let out: string;
beforeAll(() => {
  if (noBrowser) return;
  ensureBuilt();
  dir = tempDir('report-browser');
  out = join(dir, 'quickstart');
  const r = runScenario('scenarios/quickstart.yaml', out);
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('report.html in headless Chromium', () => {
  it.skipIf(noBrowser)('renders every chart as an SVG with marks, from disk, without errors', () => {
    const page = pathToFileURL(join(out, 'report.html')).href;
    const r = spawnSync(
      browser!,
      ['--headless', '--disable-gpu', '--no-sandbox', '--enable-logging=stderr', '--v=0', `--user-data-dir=${join(dir, 'profile')}`, '--dump-dom', page],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const dom = r.stdout;

    const charts = [...read(out, 'report.html').matchAll(/<h2>/g)].length;
    const svgs = dom.match(/<svg[\s>][\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toBeGreaterThanOrEqual(5); // status, utilisation, placements, migrations (count, downtime)
    expect(svgs).toHaveLength(charts);
    for (const svg of svgs) expect(svg).toMatch(/<(path|rect|line)\b[^>]*\b(d|width|x2)="[^"]*[1-9]/);
    expect(svgs.filter((s) => /class="mark-(area|line|rect)/.test(s)).length).toBe(charts);
    expect(dom).not.toContain('parsererror');
    expect(r.stderr).not.toMatch(/CONSOLE\(|Uncaught|ERR_FILE_NOT_FOUND|net::ERR/);
  }, 90_000);
});
