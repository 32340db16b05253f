/**
 * Opens runs' report.html in headless Chromium (playwright-core driving the
 * system's browser), from disk, and checks what the browser drew: every
 * chart an SVG whose data marks have a visible size, no console error, no
 * failed request. A full-page screenshot of each goes to artifacts/ (CI
 * keeps it). Skipped, saying why, on a machine without a Chromium binary;
 * .ci/run installs one when it can.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runScenario, tempDir } from './helpers.js';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const executablePath = [process.env['CHROMIUM'], ...BROWSERS].find((b): b is string => b !== undefined && existsSync(b));
const noBrowser = executablePath === undefined;
if (noBrowser) console.warn(`report-browser.test: skipped, no Chromium at ${BROWSERS.join(', ')} (apt-get install chromium, or set CHROMIUM to its path)`);

/** The scenarios whose reports are opened: together they draw every kind of chart (failures and evacuations; power and cost). */
const SCENARIOS = [
  ['quickstart', 'report.png'],
  ['weekend-shelving', 'report-weekend-shelving.png'],
] as const;
const ARTIFACTS = join(ROOT, 'artifacts');

let dir: string;
let browser: Browser;
beforeAll(async () => {
  if (noBrowser) return;
  ensureBuilt();
  dir = tempDir('report-browser');
  for (const [name] of SCENARIOS) {
    const r = runScenario(`scenarios/${name}.yaml`, join(dir, name));
    expect(r.status, r.stderr).toBe(0);
  }
  browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface DrawnChart {
  readonly title: string;
  readonly svgs: number;
  /** Data marks (not axes, grids or legends) drawn with a visible size. */
  readonly marks: number;
}

describe('report.html in headless Chromium', () => {
  it.skipIf(noBrowser).each(SCENARIOS)('%s: every chart has visible marks, no console error, screenshot in artifacts/%s', async (name, screenshot) => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(`console ${m.type()}: ${m.text()}`) : undefined));
    page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => void problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));

    await page.goto(pathToFileURL(join(dir, name, 'report.html')).href, { waitUntil: 'load' });
    const charts: DrawnChart[] = await page.$$eval('h2', (headings) =>
      headings.map((h) => {
        const figure = h.nextElementSibling;
        const drawn = [...(figure?.querySelectorAll('g.role-mark > *') ?? [])].filter((el) => {
          const box = (el as unknown as { getBBox(): { width: number; height: number } }).getBBox(); // an SVG element (no DOM types here)
          return box.width > 0 || box.height > 0;
        });
        return { title: h.textContent ?? '', svgs: figure?.querySelectorAll(':scope > svg').length ?? 0, marks: drawn.length };
      }),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
    await page.close();

    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const chart of charts) {
      expect(chart.svgs, chart.title).toBe(1);
      expect(chart.marks, chart.title).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
  }, 90_000);
});
