import type { Nova } from '../../cloud/nova.js';
import type { Role } from '../../scenario/identity.js';
import type { Call } from '../http/exchange.js';
import type { Params } from '../http/router.js';
import type { ServedCloud } from '../served-cloud.js';
import type { Microversion } from './microversion.js';
import type { ServedRecords } from './records.js';

/** Who is asking: the token's user, project and role. */
export interface Principal {
  readonly user: string;
  readonly project: string;
  readonly role: Role;
}

/** A compute request: the call, the route's parameters, the microversion and who asks. */
export interface ComputeCall extends Call {
  readonly params: Params;
  readonly version: Microversion;
  readonly who: Principal;
}

/** What the compute routes work on. */
export interface Compute {
  readonly cloud: ServedCloud;
  readonly nova: Nova;
  readonly records: ServedRecords;
}

/**
 * Nova's default policy rules (nova/policies/base.py): ADMIN,
 * PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN and '@' (anyone). The
 * project part of the rules is the lookup's: a project's servers are found
 * only within it (404 otherwise).
 */
export type Rule = 'admin' | 'member' | 'reader' | 'any';

export function allows(who: Principal, rule: Rule): boolean {
  switch (rule) {
    case 'admin':
      return who.role === 'admin';
    case 'member':
      return who.role !== 'reader';
    case 'reader':
    case 'any':
      return true;
  }
}

export const isAdmin = (who: Principal): boolean => who.role === 'admin';
