/**
 * IPv4 and IPv6 addresses and CIDR prefixes as numbers (a bigint for both
 * versions, so one allocator serves a /24 and a /64 alike), with strict
 * parsing and canonical text: dotted quads for IPv4, RFC 5952's compressed
 * lower-case form for IPv6.
 *
 * Hand-written rather than a library: the job is about a hundred lines, the
 * model layer imports nothing, and the allocator wants plain bigints rather
 * than a library's address objects.
 */
export type IpVersion = 4 | 6;

export interface IpAddress {
  readonly version: IpVersion;
  readonly value: bigint;
}

/** A prefix such as 10.0.0.0/24: its first address and its length. */
export interface Cidr {
  readonly version: IpVersion;
  readonly network: bigint;
  readonly prefix: number;
}

export const bitsOf = (version: IpVersion): number => (version === 4 ? 32 : 128);

const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** A dotted quad (no leading zeros, each part at most 255), or null. */
export function parseIpv4(text: string): bigint | null {
  const m = DOTTED_QUAD.exec(text);
  if (m === null) return null;
  let value = 0n;
  for (const part of m.slice(1)) {
    const byte = Number(part);
    if (byte > 255) return null;
    value = (value << 8n) | BigInt(byte);
  }
  return value;
}

/** RFC 4291 text: eight groups, one `::` for a run of zero groups, an optional trailing dotted quad. */
export function parseIpv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const count = head.length + tail.length;
  if (halves.length === 1 ? count !== 8 : count > 7) return null;
  const groups = [...head, ...Array<number>(8 - count).fill(0), ...tail];
  return groups.reduce((value, g) => (value << 16n) | BigInt(g), 0n);
}

/** The 16-bit groups of one side of `::` (a trailing dotted quad counts as two), or null. */
function groupsOf(side: string): number[] | null {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (HEX_GROUP.test(part)) groups.push(parseInt(part, 16));
    else return null;
  }
  return groups;
}

/** An IPv4 or IPv6 address, or null. */
export function parseIp(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : null;
  return v6 === null ? null : { version: 6, value: v6 };
}

/** Canonical text: a dotted quad, or RFC 5952 (lower case, no leading zeros, the longest zero run as `::`). */
export function formatIp(version: IpVersion, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952 section 5: an IPv4-mapped address keeps its dotted quad.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${formatIp(4, value & 0xffffffffn)}`;
  let best = { at: -1, length: 1 }; // a run must be at least two groups long
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (best.at < 0) return hex(groups);
  return `${hex(groups.slice(0, best.at))}::${hex(groups.slice(best.at + best.length))}`;
}

/** The canonical text of an address given as text, or null when it is not one of `version`. */
export function canonicalIp(text: string, version?: IpVersion): string | null {
  const ip = parseIp(text);
  return ip === null || (version !== undefined && ip.version !== version) ? null : formatIp(ip.version, ip.value);
}

/** A prefix in CIDR notation, or the reason it is not one (host bits set, a bad length, a bad address). */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  const ip = slash < 0 ? null : parseIp(text.slice(0, slash));
  const lengthText = slash < 0 ? '' : text.slice(slash + 1);
  if (ip === null || !/^(0|[1-9]\d{0,2})$/.test(lengthText)) return `'${text}' is not a valid CIDR (expected an address, a slash and a prefix length)`;
  const prefix = Number(lengthText);
  if (prefix > bitsOf(ip.version)) return `'${text}' has a prefix length above ${bitsOf(ip.version)}`;
  const cidr = { version: ip.version, network: ip.value & ~hostMask(ip.version, prefix), prefix };
  if (cidr.network !== ip.value) return `'${text}' has host bits set; the network is '${formatCidr(cidr)}'`;
  return cidr;
}

export const formatCidr = (c: Cidr): string => `${formatIp(c.version, c.network)}/${c.prefix}`;

const hostMask = (version: IpVersion, prefix: number): bigint => (1n << BigInt(bitsOf(version) - prefix)) - 1n;

/** The prefix's last address (the IPv4 broadcast address). */
export const lastOf = (c: Cidr): bigint => c.network | hostMask(c.version, c.prefix);

export const contains = (c: Cidr, ip: IpAddress): boolean => ip.version === c.version && ip.value >= c.network && ip.value <= lastOf(c);

export const overlaps = (a: Cidr, b: Cidr): boolean => a.version === b.version && a.network <= lastOf(b) && b.network <= lastOf(a);
