import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/run/input-error.js';
import { readJsonFile, readTextFile } from '../../../src/run/text-file.js';

const dir = mkdtempSync(join(tmpdir(), 'novasim-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('readTextFile', () => {
  it('reads UTF-8 text and drops a byte order mark', () => {
    expect(readTextFile(file('a.yaml', '\ufeffname: é\n'), 'scenario file')).toBe('name: é\n');
  });

  it('stops at the size limit, saying how to raise it', () => {
    expect(refusal(() => readTextFile(file('big.yaml', 'x'.repeat(2 * 1024 * 1024)), 'scenario file', 1))).toMatch(/larger than 1 MiB, the limit; raise it with --max-file-mb/);
  });

  it('reads only the first chunk of a device full of zeros', () => {
    expect(refusal(() => readTextFile('/dev/zero', 'scenario file'))).toBe('/dev/zero: the scenario file is not YAML or JSON text: it looks like binary data (it holds NUL bytes)');
  });

  it.each([
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2]), /gzip-compressed data/],
    ['UTF-16', Buffer.from([0xff, 0xfe, 0x6e, 0]), /UTF-16 text; save it as UTF-8/],
    ['zip', Buffer.from([0x50, 0x4b, 3, 4, 9]), /a zip archive/],
  ])('names %s content without quoting it', (_, bytes, message) => {
    const text = refusal(() => readTextFile(file('b.bin', bytes), 'scenario file'));

    expect(text).toMatch(message);
    expect(text).not.toMatch(/[\u0000-\u0008\ufffd]/);
  });

  it('places the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);

    expect(refusal(() => readTextFile(file('l.yaml', bytes), 'scenario file'))).toMatch(/l\.yaml:2:10: the scenario file is not UTF-8 text/);
  });

  it('names a folder as a folder', () => {
    expect(refusal(() => readTextFile(dir, 'scenario file'))).toMatch(/is a folder, not a scenario file/);
  });
});

describe('readJsonFile', () => {
  it('refuses JSON cut short without quoting it', () => {
    expect(refusal(() => readJsonFile(file('s.json', '{ "seed": '), 'summary.json'))).toMatch(/s\.json(:\d+:\d+)?: the summary\.json is not valid JSON$/);
  });
});
