import { chartSvg, type Chart } from './render.js';

/** Text made safe for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Key figures as label/value pairs, shown as a definition list under the title. */
export type Figures = readonly (readonly [string, string])[];

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:980px;color:#222}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin:1.6rem 0 .4rem}
dl{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem;margin:.8rem 0}dt{color:#555}dd{margin:0}
figure{margin:0 0 1rem}figure svg{max-width:100%;height:auto}p.note{color:#555}`;

/**
 * A self-contained page: inline CSS, inline SVG charts, no script, no
 * external resource. The same title, figures, notes and charts give the same bytes.
 */
export async function reportPage(title: string, figures: Figures, notes: readonly string[], charts: readonly Chart[]): Promise<string> {
  const sections: string[] = [];
  for (const chart of charts) {
    sections.push(`<h2>${escapeHtml(chart.title)}</h2>\n<figure>${await chartSvg(chart.spec)}</figure>`);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<dl>${figures.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`,
    ...notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`),
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
