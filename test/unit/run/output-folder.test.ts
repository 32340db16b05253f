import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskFolder, MemoryFolder } from '../../../src/run/output-folder.js';

const dir = mkdtempSync(join(tmpdir(), 'novasim-output-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an output folder read line by line', () => {
  // Over two 1 MiB chunks, with a three-byte character on every line, so some fall across a chunk's end.
  const text = `${Array.from({ length: 80_000 }, (_, i) => `${i},serveur-é-€,${'x'.repeat(i % 17)}`).join('\n')}\nlast line without newline`;

  it('gives the lines of a file on disk as the whole text has them, however the chunks cut it', () => {
    writeFileSync(join(dir, 'events.csv'), text);

    const lines = [...new DiskFolder(dir).lines('events.csv')!];

    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * (1 << 20));
    expect(lines).toEqual(text.split('\n'));
  });

  it('gives the same lines from memory, and nothing for a file not written', () => {
    const memory = new MemoryFolder();
    memory.write('events.csv', text);

    expect([...memory.lines('events.csv')!]).toEqual(text.split('\n'));
    expect(memory.lines('absent.csv')).toBeUndefined();
    expect(new DiskFolder(dir).lines('absent.csv')).toBeUndefined();
  });
});

describe('an output folder removing a file', () => {
  it('removes a file it wrote, and refuses one it did not, leaving it in place', () => {
    const folder = new DiskFolder(dir);
    folder.write('mine.csv', 'a\n');
    writeFileSync(join(dir, 'theirs.csv'), 'b\n');

    folder.remove('mine.csv');

    expect(existsSync(join(dir, 'mine.csv'))).toBe(false);
    expect(() => folder.remove('theirs.csv')).toThrow(/did not write theirs\.csv/);
    expect(() => folder.remove('../outside.csv')).toThrow(/did not write/);
    expect(readFileSync(join(dir, 'theirs.csv'), 'utf8')).toBe('b\n');
  });
});
