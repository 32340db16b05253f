/**
 * README.md's five-minute tour, run as a newcomer would run it: every
 * `node dist/src/cli/main.js` command of the tour in order, in a scratch
 * folder, and every output line the README shows (`...` stands for lines
 * left out) must be in what the command printed, spaces aside.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT, tempDir } from './helpers.js';

const PROMPT = '$ node dist/src/cli/main.js ';
const COMMAND = 'node dist/src/cli/main.js ';
/** Where the README's shown paths place the clone. */
const SHOWN_ROOT = '/home/you/novasim';

interface Step {
  readonly args: string[];
  /** The output lines shown under the command; empty when the README shows none. */
  readonly shown: string[];
}

/** The tour's commands in order, from the section's fenced blocks: `$ ` lines with their output, and bare command lines. */
function tourSteps(readme: string): Step[] {
  const tour = readme.slice(readme.indexOf('## A five-minute tour'), readme.indexOf('## Where to go next'));
  const steps: Step[] = [];
  for (const [, block = ''] of tour.matchAll(/```\w*\n([\s\S]*?)```/g)) {
    const lines = block.trimEnd().split('\n');
    const first = lines[0] ?? '';
    if (first.startsWith(PROMPT)) steps.push({ args: first.slice(PROMPT.length).split(/\s+/), shown: lines.slice(1) });
    else if (first.startsWith(COMMAND)) steps.push({ args: first.slice(COMMAND.length).split(/\s+/), shown: [] });
  }
  return steps;
}

const squeeze = (line: string): string => line.trim().replace(/\s+/g, ' ');

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('readme-tour');
  symlinkSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README.md's five-minute tour", () => {
  it('runs every command it shows, and each prints the lines the README shows', () => {
    const steps = tourSteps(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(steps.map((s) => s.args[0])).toEqual(['run', 'run', 'diff', 'servers', 'show']);

    for (const step of steps) {
      const r = spawnSync(process.execPath, [CLI, ...step.args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });

      expect(r.stderr, step.args.join(' ')).toBe('');
      const printed = new Set(r.stdout.split('\n').map(squeeze));
      for (const line of step.shown.filter((l) => l.trim() !== '...')) {
        expect(printed, `${step.args.join(' ')} prints: ${line}`).toContain(squeeze(line.replaceAll(SHOWN_ROOT, dir)));
      }
    }
  }, 180_000);
});
