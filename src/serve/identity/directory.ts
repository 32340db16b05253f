import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../scenario/identity.js';
import type { Scenario } from '../../scenario/schema.js';

/** Keystone's one domain: the scenario's users and projects all live in it. */
export const DOMAIN = { id: 'default', name: 'Default' } as const;

/** A user who may log in, with the project and role the scenario gives them. */
export interface User {
  readonly name: string;
  readonly project: string;
  readonly role: Role;
  /** SHA-256 of the password: the password itself is not kept, so no dump of the server can show it. */
  readonly digest: Buffer | null;
}

const digestOf = (password: string): Buffer => createHash('sha256').update(password, 'utf8').digest();

/**
 * The scenario's users, by name, for password authentication. Keystone's
 * ids are the names: project ids are what the Compute API shows as
 * tenant_id, the same text servers.json shows.
 */
export class Directory {
  readonly #users = new Map<string, User>();

  constructor(projects: Scenario['projects']) {
    for (const p of projects)
      for (const u of p.users) this.#users.set(u.name, { name: u.name, project: p.name, role: u.role, digest: u.password === undefined ? null : digestOf(u.password) });
  }

  /** How many users may log in (have a password). */
  get loginCount(): number {
    return [...this.#users.values()].filter((u) => u.digest !== null).length;
  }

  /** The user whose name and password these are; undefined for any mismatch, told apart from nothing (Keystone answers 401 alike). */
  authenticate(name: string, password: string): User | undefined {
    const user = this.#users.get(name);
    if (user === undefined || user.digest === null) return undefined;
    return timingSafeEqual(user.digest, digestOf(password)) ? user : undefined;
  }
}

/** Keystone's implied roles (keystone-manage bootstrap): admin implies member, member implies reader. */
export function impliedRoles(role: Role): Role[] {
  return role === 'admin' ? ['admin', 'member', 'reader'] : role === 'member' ? ['member', 'reader'] : ['reader'];
}
