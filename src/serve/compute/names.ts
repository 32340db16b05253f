import { randomInt } from 'node:crypto';
import { NOVA_PASSWORD_GROUPS } from '../../cloud/passwords.js';

/** nova/utils.py sanitize_hostname: what a server's hostname becomes from its display name. */
export function sanitizeHostname(name: string, fallback: string): string {
  const latin = [...name].filter((ch) => ch.codePointAt(0)! <= 0xff).join('').slice(0, 63);
  const host = latin.replace(/[ _.]/g, '-').replace(/[^\w.-]+/g, '').toLowerCase().replace(/^[.-]+|[.-]+$/g, '');
  return host === '' ? fallback.slice(0, 63) : host;
}

/**
 * The admin password a create answer shows when the request gave none:
 * drawn as nova/utils.py generate_password draws it (12 characters, one of
 * each group first), from the system's CSPRNG. The simulation never sees
 * it: it keeps only a password's verdict, and a generated one always passes.
 */
export function displayPassword(length = 12): string {
  const all = NOVA_PASSWORD_GROUPS.join('');
  const chars = NOVA_PASSWORD_GROUPS.map((g) => g[randomInt(g.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** common.get_id_from_href: the last segment of a URL's path, or the text itself. */
export function idFromHref(href: string): string {
  try {
    return new URL(href).pathname.split('/').filter((s) => s !== '').at(-1) ?? href;
  } catch {
    return href.split('/').at(-1) ?? href;
  }
}
