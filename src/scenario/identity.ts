import { def, INVALID, list, obj, oneOf, opt, req, type Issue, type Spec } from './spec.js';

/**
 * Who may talk to a served cloud (`novasim serve`): each project's users,
 * their passwords and their Keystone role. `run` ignores them; a scenario
 * without users is still a whole scenario.
 */

/**
 * Keystone's default roles, each implying the next (admin -> member ->
 * reader): a reader may look, a member may also act on its project's
 * servers, an admin on every project's, as Nova's default policies say.
 */
export const ROLES = ['reader', 'member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A password: any text, never quoted back in a message (it would land in a terminal or a log). */
const secret: Spec<string> = {
  expected: 'a text',
  parse(v, path, issues) {
    if (typeof v === 'string' && v.length > 0 && v.length <= 4096) return v;
    issues.push({ path, message: 'expected a text of 1 to 4096 characters (the value is not shown)' });
    return INVALID;
  },
  jsonSchema: () => ({ type: 'string', minLength: 1, maxLength: 4096 }),
};

/** A project's `users:`. */
export function usersField(name: Spec<string>) {
  const user = obj({
    name: req(name, 'the user name clients log in with (OS_USERNAME); unique across projects'),
    password: opt(secret, 'the password novasim serve accepts (never written to any output; recordings leave it out, and a user without one cannot log in)'),
    role: def(oneOf(ROLES), 'member' as Role, 'reader, member (default) or admin'),
  });
  return def(list(user), [], 'who may log in to this project when the scenario is served (novasim serve)');
}

/** Each user name names one user: Keystone's names are unique within the (one) domain. */
export function checkUsers(projects: readonly { readonly users: readonly { readonly name: string }[] }[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  projects.forEach((p, i) =>
    p.users.forEach((u, j) => {
      if (seen.has(u.name)) issues.push({ path: ['projects', i, 'users', j, 'name'], message: `duplicate user name '${u.name}'` });
      seen.add(u.name);
    }),
  );
  return issues;
}
