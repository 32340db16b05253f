import { describe, expect, it } from 'vitest';
import { metadataCountRefusal, metadataSizeRefusal } from '../../../src/lifecycle/metadata-rules.js';
import { passwordFault, passwordProblems } from '../../../src/lifecycle/password-policy.js';
import { decodePersonality, personalityLimitRefusal, type PersonalityItem } from '../../../src/lifecycle/personality-rules.js';
import { quotaRefusal } from '../../../src/lifecycle/quota-rules.js';
import { NOVA_DEFAULT_QUOTA, NOVA_SERVER_LIMITS } from '../../../src/model/compute-limits.js';
import type { PendingFile } from '../../../src/model/server-details.js';

const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64');
const ascii = (n: number): string => 'k'.repeat(n);
/** n bytes of UTF-8 made of two-byte characters (n even) or with one ASCII character at the end. */
const multiByte = (bytes: number): string => 'é'.repeat(Math.floor(bytes / 2)) + (bytes % 2 === 1 ? 'k' : '');
const files = (items: PersonalityItem[]): PendingFile[] => {
  const decoded = decodePersonality(items);
  if (!Array.isArray(decoded)) throw new Error(decoded.message);
  return decoded;
};

describe('metadata: 255 bytes per key and value, maxServerMeta pairs', () => {
  it.each([
    ['an ASCII key of 255 bytes', { [ascii(255)]: 'v' }],
    ['a multi-byte key of 255 bytes (127 characters and one)', { [multiByte(255)]: 'v' }],
    ['an ASCII value of 255 bytes', { k: ascii(255) }],
    ['a multi-byte value of 254 bytes', { k: multiByte(254) }],
    ['an empty value', { k: '' }],
  ])('accepts %s', (_label, metadata) => {
    expect(metadataSizeRefusal(metadata)).toBeNull();
  });

  it.each([
    ['an ASCII key of 256 bytes', { [ascii(256)]: 'v' }, 'key'],
    ['a key of 128 two-byte characters (256 bytes)', { [multiByte(256)]: 'v' }, 'key'],
    ['an ASCII value of 256 bytes', { k: ascii(256) }, 'value'],
    ['a value of 128 two-byte characters (256 bytes)', { k: multiByte(256) }, 'value'],
  ])('refuses %s with a 400, whole, never truncated', (_label, metadata, what) => {
    expect(metadataSizeRefusal(metadata)).toEqual({ status: 400, message: `Invalid metadata size: Metadata property ${what} greater than 255 characters` });
  });

  it('counts characters as bytes: 128 "é" are 256 bytes though only 128 characters', () => {
    expect([...multiByte(256)].length).toBe(128);
    expect(metadataSizeRefusal({ k: multiByte(256) })?.status).toBe(400);
  });

  it('refuses a blank key', () => {
    expect(metadataSizeRefusal({ '': 'v' })).toEqual({ status: 400, message: 'Invalid metadata: Metadata property key blank' });
  });

  it('allows maxServerMeta pairs and refuses one more with a 403', () => {
    expect(metadataCountRefusal(128, NOVA_SERVER_LIMITS)).toBeNull();
    expect(metadataCountRefusal(129, NOVA_SERVER_LIMITS)).toEqual({ status: 403, message: 'Maximum number of metadata items exceeds 128' });
    expect(metadataCountRefusal(10_000, { ...NOVA_SERVER_LIMITS, maxServerMeta: -1 })).toBeNull();
  });
});

describe('personality: base64 text, sizes on the decoded bytes', () => {
  it('decodes to each file path and decoded size, never keeping the contents', () => {
    expect(decodePersonality([{ path: '/etc/motd', contents: b64('hello\n') }])).toEqual([{ path: '/etc/motd', sizeBytes: 6 }]);
  });

  it('accepts a file of exactly maxPersonalitySize decoded bytes whose base64 is longer than that', () => {
    const contents = b64('x'.repeat(10_240));

    expect(contents.length).toBeGreaterThan(10_240);
    expect(personalityLimitRefusal(files([{ path: '/f', contents }]), NOVA_SERVER_LIMITS)).toBeNull();
  });

  it('refuses one decoded byte more with a 403', () => {
    const decoded = files([{ path: '/f', contents: b64('x'.repeat(10_241)) }]);

    expect(personalityLimitRefusal(decoded, NOVA_SERVER_LIMITS)).toEqual({ status: 403, message: 'Personality file content exceeds maximum 10240' });
  });

  it.each([
    ['invalid characters', '!!!not base64!!!'],
    ['a missing padding', 'aGVsbG8'],
  ])('refuses contents that are not base64 (%s) with a 400', (_label, contents) => {
    expect(decodePersonality([{ path: '/etc/x', contents }])).toEqual({ status: 400, message: 'Personality content for /etc/x cannot be decoded' });
  });

  it.each([
    ['a NUL byte', new Uint8Array([104, 105, 0, 10])],
    ['bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x41])],
    ['a zip header', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
  ])('refuses binary contents (%s) with a 400', (_label, bytes) => {
    expect(decodePersonality([{ path: '/bin/x', contents: b64(bytes) }])).toEqual({
      status: 400,
      message: 'Personality content for /bin/x is not text: only text files can be injected',
    });
  });

  it('accepts multi-byte UTF-8 text and counts its bytes', () => {
    expect(files([{ path: '/t', contents: b64('héllo') }])).toEqual([{ path: '/t', sizeBytes: 6 }]);
  });

  it('allows maxPersonality files and refuses one more', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ path: `/f${i}`, sizeBytes: 1 }));

    expect(personalityLimitRefusal(five, NOVA_SERVER_LIMITS)).toBeNull();
    expect(personalityLimitRefusal([...five, { path: '/f5', sizeBytes: 1 }], NOVA_SERVER_LIMITS)).toEqual({ status: 403, message: 'Personality file limit exceeded' });
  });

  it.each([
    ['an ASCII path of 255 bytes', '/' + ascii(254), null],
    ['a multi-byte path of 255 bytes', '/' + multiByte(254), null],
    ['an ASCII path of 256 bytes', '/' + ascii(255), 'Personality file path exceeds maximum 255'],
    ['a multi-byte path of 256 bytes', '/' + multiByte(255), 'Personality file path exceeds maximum 255'],
  ])('%s', (_label, path, message) => {
    const refusal = personalityLimitRefusal([{ path, sizeBytes: 1 }], NOVA_SERVER_LIMITS);

    expect(refusal).toEqual(message === null ? null : { status: 403, message });
  });

  it("checks in Nova's order: the count, then the path, then the contents", () => {
    const longPathBigFile = { path: '/' + ascii(300), sizeBytes: 20_000 };

    expect(personalityLimitRefusal([longPathBigFile], NOVA_SERVER_LIMITS)?.message).toBe('Personality file path exceeds maximum 255');
    expect(personalityLimitRefusal(Array(6).fill(longPathBigFile), NOVA_SERVER_LIMITS)?.message).toBe('Personality file limit exceeded');
  });
});

describe('password policy', () => {
  const policy = { min_length: 12, require: ['lower', 'upper', 'digit'] as const };

  it('passes a password that meets every requirement', () => {
    expect(passwordProblems('Correct4Horse', policy)).toEqual([]);
  });

  it('names what is missing, in words that do not repeat the password', () => {
    expect(passwordProblems('short', policy)).toEqual(['fewer than 12 characters', 'no upper-case letter', 'no digit']);
    expect(passwordProblems('alllowercase12', policy)).toEqual(['no upper-case letter']);
    expect(passwordProblems('NoSymbolHere12', { min_length: 0, require: ['symbol'] })).toEqual(['no symbol']);
  });

  it('counts characters, not bytes, for the length', () => {
    expect(passwordProblems('ééééééééééé1A', policy)).toEqual([]);
  });

  it("words the fault as Nova's InstancePasswordSetFailed", () => {
    expect(passwordFault('u-1', ['no digit'])).toBe('Failed to set admin password on u-1 because the password does not meet the password policy: no digit');
  });
});

describe('quota: Nova check_deltas and the TooManyInstances text', () => {
  const quota = NOVA_DEFAULT_QUOTA; // 10 instances, 20 cores, 51200 MB

  it.each([
    ['instances', { instances: 10, cores: 10, ram: 10_240 }, 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances'],
    ['cores', { instances: 3, cores: 18, ram: 10_240 }, 'Quota exceeded for cores: Requested 4, but already used 18 of 20 cores'],
    ['ram', { instances: 3, cores: 8, ram: 45_056 }, 'Quota exceeded for ram: Requested 8192, but already used 45056 of 51200 ram'],
  ])('refuses the create that crosses %s with a 403', (_label, usage, message) => {
    expect(quotaRefusal(quota, usage, { instances: 1, cores: 4, ram: 8192 })).toEqual({ status: 403, message });
  });

  it('accepts the create that reaches each quota exactly', () => {
    expect(quotaRefusal(quota, { instances: 9, cores: 16, ram: 43_008 }, { instances: 1, cores: 4, ram: 8192 })).toBeNull();
  });

  it('lists every resource over quota, sorted, joined with commas', () => {
    expect(quotaRefusal(quota, { instances: 10, cores: 20, ram: 51_200 }, { instances: 1, cores: 1, ram: 512 })?.message).toBe(
      'Quota exceeded for cores, instances, ram: Requested 1, 1, 512, but already used 20, 10, 51200 of 20, 10, 51200 cores, instances, ram',
    );
  });

  it('never refuses an unlimited (-1) resource', () => {
    expect(quotaRefusal({ ...quota, instances: -1, cores: -1, ram: -1 }, { instances: 1e6, cores: 1e6, ram: 1e9 }, { instances: 1, cores: 1, ram: 1 })).toBeNull();
  });
});
