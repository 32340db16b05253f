/** The kinds of character a password policy may require. */
export const CHARACTER_CLASSES = ['lower', 'upper', 'digit', 'symbol'] as const;
export type CharacterClass = (typeof CHARACTER_CLASSES)[number];

/**
 * The provider's complexity requirements for admin passwords (the seed's
 * "complexity requirements set by your OpenStack Compute provider"; Nova
 * has no option for them, the guest decides): a minimum length in
 * characters and the classes that must each appear at least once.
 */
export interface PasswordPolicy {
  readonly min_length: number;
  readonly require: readonly CharacterClass[];
}

/** No requirement: every password complies. */
export const NO_PASSWORD_POLICY: PasswordPolicy = { min_length: 0, require: [] };

const CLASS_TEST: Readonly<Record<CharacterClass, RegExp>> = {
  lower: /\p{Ll}/u,
  upper: /\p{Lu}/u,
  digit: /\p{Nd}/u,
  symbol: /[^\p{L}\p{N}\s]/u,
};

const CLASS_NAME: Readonly<Record<CharacterClass, string>> = {
  lower: 'lower-case letter',
  upper: 'upper-case letter',
  digit: 'digit',
  symbol: 'symbol',
};

/** The character classes `password` holds: with its length, all a policy's verdict depends on. */
export const classesOf = (password: string): CharacterClass[] => CHARACTER_CLASSES.filter((c) => CLASS_TEST[c].test(password));

/**
 * What `password` lacks under `policy`, in words that say nothing of the
 * password itself ("fewer than 12 characters", "no digit"); empty when it
 * complies. Length counts characters (code points).
 */
export function passwordProblems(password: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.min_length) problems.push(`fewer than ${policy.min_length} characters`);
  for (const cls of policy.require) if (!CLASS_TEST[cls].test(password)) problems.push(`no ${CLASS_NAME[cls]}`);
  return problems;
}

/**
 * The fault of a server whose password the guest refused: Nova's
 * InstancePasswordSetFailed text ("Failed to set admin password on
 * %(instance)s because %(reason)s"), with the policy's verdict as the reason.
 */
export function passwordFault(uuid: string, problems: readonly string[]): string {
  return `Failed to set admin password on ${uuid} because the password does not meet the password policy: ${problems.join(', ')}`;
}
