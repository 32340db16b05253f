import type { Rng } from '../engine/random.js';
import type { PasswordPolicy } from '../lifecycle/password-policy.js';

/**
 * nova/utils.py DEFAULT_PASSWORD_SYMBOLS, the groups `generate_password`
 * draws from: digits without 0 and 1, upper case without I and O, lower
 * case without l (no look-alikes).
 */
export const NOVA_PASSWORD_GROUPS = ['23456789', 'ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz'] as const;

/** Nova has no symbol group; novasim adds this one only when the policy requires a symbol. */
const SYMBOL_GROUP = '!#%+-=?@^_';

/**
 * An admin password the way Nova makes one when a create gives none: one
 * character from each group, the rest from all of them, shuffled, of
 * `length` characters (CONF.password_length, 12), or the policy's minimum
 * when that is longer. It always meets `policy`.
 */
export function generatePassword(rng: Rng, length: number, policy: PasswordPolicy): string {
  const groups: string[] = [...NOVA_PASSWORD_GROUPS];
  if (policy.require.includes('symbol')) groups.push(SYMBOL_GROUP);
  const size = Math.max(length, policy.min_length, groups.length);
  const chars = groups.map((g) => pick(g, rng));
  const all = groups.join('');
  while (chars.length < size) chars.push(pick(all, rng));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

const pick = (symbols: string, rng: Rng): string => symbols[rng.int(symbols.length)]!;
