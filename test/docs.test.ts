/**
 * The documentation stays in its place and current: the generated
 * references match the code, every relative link (and #anchor) of README.md
 * and docs/ resolves, and README.md stays a landing page.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOCS } from '../scripts/reference/generated-docs.js';

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
const PAGES = ['README.md', ...markdownFiles('docs')];

/** Markdown text outside fenced code blocks (a link inside one is an example, not a link). */
const prose = (text: string): string => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading.trim().toLowerCase().replace(/[`*]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

const anchorsOf = (path: string): Set<string> =>
  new Set([...prose(readFileSync(path, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));

describe('generated references', () => {
  it.each(GENERATED_DOCS.map((d) => [d.path, d] as const))('%s is what the code generates (run `npm run docs` after changing it)', async (path, doc) => {
    expect(readFileSync(path, 'utf8')).toBe(await doc.render());
  });
});

describe('links in README.md and docs/', () => {
  it.each(PAGES)('every relative link of %s points to a file and heading that exist', (page) => {
    const broken: string[] = [];
    for (const [, target = ''] of prose(readFileSync(page, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      const [file = '', anchor] = target.split('#');
      const path = file === '' ? page : join(dirname(page), file);
      if (!existsSync(path)) broken.push(`${target}: no ${relative('.', path)}`);
      else if (anchor !== undefined && path.endsWith('.md') && !anchorsOf(path).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${relative('.', path)}`);
    }
    expect(broken).toEqual([]);
  });

  it('every page under docs/ is reachable from README.md', () => {
    const seen = new Set<string>();
    const visit = (page: string): void => {
      if (seen.has(page) || !page.endsWith('.md') || !existsSync(page)) return;
      seen.add(page);
      for (const [, target = ''] of prose(readFileSync(page, 'utf8')).matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (!/^[a-z]+:/.test(target)) visit(join(dirname(page), target));
      }
    };
    visit('README.md');

    expect(PAGES.filter((p) => !seen.has(p))).toEqual([]);
  });
});

describe('README.md', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('is a landing page of at most about 150 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
  });

  it('runs only commands novasim has, on files that exist', () => {
    const commands = readFileSync('src/cli/main.ts', 'utf8').matchAll(/\.command\(\s*'(\w+)/g);
    const known = new Set([...commands].map((m) => m[1]));
    for (const [, command = '', rest = ''] of readme.matchAll(/node dist\/src\/cli\/main\.js (\w+)([^\n`]*)/g)) {
      expect(known, command).toContain(command);
      for (const [file] of rest.matchAll(/\bscenarios\/[\w./-]+\.ya?ml\b/g)) expect(existsSync(file), file).toBe(true);
    }
  });
});
