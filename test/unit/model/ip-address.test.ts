import { describe, expect, it } from 'vitest';
import { canonicalIp, formatCidr, formatIp, overlaps, parseCidr, parseIp, parseIpv4, parseIpv6 } from '../../../src/model/ip-address.js';

describe('IPv4', () => {
  it('parses dotted quads and formats them back', () => {
    expect(parseIpv4('10.0.0.5')).toBe(0x0a000005n);
    expect(formatIp(4, 0xc0a80101n)).toBe('192.168.1.1');
    expect(canonicalIp('255.255.255.255', 4)).toBe('255.255.255.255');
  });

  it.each(['256.0.0.1', '10.0.0', '10.0.0.01', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.-4', ''])('refuses %j', (text) => {
    expect(parseIpv4(text)).toBeNull();
  });
});

describe('IPv6', () => {
  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'], // first of two equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // one zero group is not compressed
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run wins
    ['::', '::'],
    ['::1', '::1'],
    ['fd00::', 'fd00::'],
    ['fd00:0:0:0:0:0:0:5', 'fd00::5'],
    ['::babe:67.23.10.132', '::babe:4317:a84'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'], // IPv4-mapped keeps its dotted quad (RFC 5952 section 5)
  ])('%s is %s in RFC 5952 form', (text, canonical) => {
    expect(canonicalIp(text, 6)).toBe(canonical);
  });

  it.each(['1::2::3', ':1::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7::8', '::1.2.3'])('refuses %j', (text) => {
    expect(parseIpv6(text)).toBeNull();
  });

  it('tells the versions apart', () => {
    expect(parseIp('10.0.0.1')?.version).toBe(4);
    expect(parseIp('fd00::1')?.version).toBe(6);
    expect(canonicalIp('fd00::1', 4)).toBeNull();
    expect(canonicalIp('10.0.0.1', 6)).toBeNull();
  });
});

describe('CIDR', () => {
  it('parses prefixes and says why a bad one is refused', () => {
    expect(parseCidr('10.0.0.0/24')).toEqual({ version: 4, network: 0x0a000000n, prefix: 24 });
    expect(formatCidr(parseCidr('fd00:0::/64') as never)).toBe('fd00::/64');
    expect(parseCidr('10.0.0.5/24')).toBe("'10.0.0.5/24' has host bits set; the network is '10.0.0.0/24'");
    expect(parseCidr('10.0.0.0/33')).toBe("'10.0.0.0/33' has a prefix length above 32");
    expect(parseCidr('10.0.0.0')).toMatch(/is not a valid CIDR/);
  });

  it('knows when two prefixes overlap', () => {
    const c = (t: string) => parseCidr(t) as Exclude<ReturnType<typeof parseCidr>, string>;
    expect(overlaps(c('10.0.0.0/16'), c('10.0.5.0/24'))).toBe(true);
    expect(overlaps(c('10.0.0.0/24'), c('10.0.1.0/24'))).toBe(false);
    expect(overlaps(c('10.0.0.0/24'), c('::/0'))).toBe(false);
  });
});
