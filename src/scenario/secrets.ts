/**
 * Which scenario fields hold secrets. No output file may hold one: an
 * override of such a field is shown without its value (run.json, a sweep's
 * run folders, sweep.json, its tables and its report).
 */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['admin_pass', 'password']);

/** Whether a dotted path (`actions.0.admin_pass`) or a path's segments name a secret. */
export function isSecretPath(path: string | readonly (string | number)[]): boolean {
  const segments = typeof path === 'string' ? path.split('.') : path.map(String);
  return segments.some((s) => SECRET_FIELDS.has(s));
}

/** How the i-th value (0-based) of a secret field is shown: by its place, never by its text. */
export const redacted = (index: number): string => `<redacted #${index + 1}>`;

/** A `path=value` override as an output may show it. */
export function shownOverride(text: string): string {
  const eq = text.indexOf('=');
  return eq > 0 && isSecretPath(text.slice(0, eq)) ? `${text.slice(0, eq)}=<redacted>` : text;
}
