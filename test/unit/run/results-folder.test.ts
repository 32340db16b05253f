import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, OperationError } from '../../../src/run/input-error.js';
import { ResultsFolder, resultsPath } from '../../../src/run/results-folder.js';
import { removeLeftovers } from '../../../src/run/scratch-names.js';

const root = mkdtempSync(join(tmpdir(), 'novasim-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const fresh = (): string => {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  return dir;
};
const RUN_JSON = JSON.stringify({ scenario: 's', novasim: '0.1.0' });
/** A PID that no process has: past the kernel's maximum. */
const DEAD = 4_194_304 + 17;
const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 60);

describe('resultsPath', () => {
  it('refuses an empty name, the root, and the working folder and those above it', () => {
    expect(() => resultsPath('', '--out')).toThrow(/--out is empty/);
    expect(() => resultsPath('/', '--out')).toThrow(/root of the file system/);
    expect(() => resultsPath(process.cwd(), '--out')).toThrow(/working folder or one above it/);
    expect(() => resultsPath(join(process.cwd(), '..'), '--out')).toThrow(/working folder or one above it/);
    expect(resultsPath('results/x', '--out')).toBe(join(process.cwd(), 'results/x'));
  });
});

describe('ResultsFolder', () => {
  it('writes nothing at the target until commit, then puts the folder there whole and releases the lock', () => {
    const target = join(fresh(), 'res');
    const folder = ResultsFolder.claim(target);
    writeFileSync(join(folder.temp, 'run.json'), RUN_JSON);

    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(target, '..', '.res.lock'))).toBe(true);
    folder.commit();

    expect(readdirSync(target)).toEqual(['run.json']);
    expect(readdirSync(join(target, '..'))).toEqual(['res']);
  });

  it('replaces a folder it wrote, keeping nothing of the old one', () => {
    const target = join(fresh(), 'res');
    mkdirSync(target);
    writeFileSync(join(target, 'run.json'), RUN_JSON);
    writeFileSync(join(target, 'events.csv'), 'old');
    const folder = ResultsFolder.claim(target);
    writeFileSync(join(folder.temp, 'run.json'), RUN_JSON);

    folder.commit();

    expect(readdirSync(target)).toEqual(['run.json']);
  });

  it.each([
    ['holds no run.json of novasim', { 'keep.txt': 'mine' }, /holds files that are not a novasim results folder/],
    ['holds a run.json that is not novasim\'s', { 'run.json': '{"name": "my run"}' }, /holds files that are not a novasim results folder/],
    ['holds a file a run does not write', { 'run.json': RUN_JSON, 'notes.md': 'mine' }, /holds notes\.md, which novasim did not write/],
  ])('refuses a folder that %s, and leaves it be', (_, files, message) => {
    const target = join(fresh(), 'res');
    mkdirSync(target);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(target, name), text);

    expect(() => ResultsFolder.claim(target)).toThrow(InputError);
    expect(() => ResultsFolder.claim(target)).toThrow(message);
    expect(readdirSync(join(target, '..'))).toEqual(['res']);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(target, name), 'utf8')).toBe(text);
  });

  it('refuses a second writer while the first holds the lock, and lets it in after', () => {
    const target = join(fresh(), 'res');
    const first = ResultsFolder.claim(target);

    expect(() => ResultsFolder.claim(target)).toThrow(OperationError);
    expect(() => ResultsFolder.claim(target)).toThrow(new RegExp(`another novasim command \\(process ${process.pid}\\) is writing it`));
    first.discard();
    ResultsFolder.claim(target).discard();
  });

  it('does not commit over a folder the user filled meanwhile', () => {
    const target = join(fresh(), 'res');
    const folder = ResultsFolder.claim(target);
    mkdirSync(target);
    writeFileSync(join(target, 'mine.txt'), 'x');

    expect(() => folder.commit()).toThrow(InputError);
    expect(readdirSync(target)).toEqual(['mine.txt']);
    expect(readdirSync(join(target, '..'))).toEqual(['res']);
  });
});

describe('removeLeftovers', () => {
  it("removes what dead processes of this host left, and nothing of a live one's, another host's or the user's", () => {
    const dir = fresh();
    const names = [
      `.res.partial-${host}-${DEAD}`,
      `.res.replaced-${host}-${DEAD}`,
      `.res.partial-${host}-${process.pid}`,
      `.res.partial-other-host-${DEAD}`,
      '.res.partial-notes',
      'res.partial-x-1',
    ];
    for (const name of names) mkdirSync(join(dir, name));
    writeFileSync(join(dir, '.dead.lock'), `${host} ${DEAD}\n`);
    writeFileSync(join(dir, '.live.lock'), `${host} ${process.pid}\n`);
    writeFileSync(join(dir, '.far.lock'), `other-host ${DEAD}\n`);

    removeLeftovers(dir);

    expect(readdirSync(dir).sort()).toEqual(
      ['.far.lock', '.live.lock', `.res.partial-${host}-${process.pid}`, `.res.partial-other-host-${DEAD}`, '.res.partial-notes', 'res.partial-x-1'].sort(),
    );
  });
});
