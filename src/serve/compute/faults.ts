import type { Refusal } from '../../lifecycle/refusal.js';
import { reply, type Reply } from '../http/exchange.js';

/** nova/api/openstack/wsgi.py Fault._fault_names: the key of an error body, by status. */
const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

/** Nova's error body: `{"badRequest": {"code": 400, "message": ...}}` (computeFault for any other status). */
export const fault = (status: number, message: string): Reply => reply(status, { [FAULT_NAMES[status] ?? 'computeFault']: { code: status, message } });

/** A refusal of the compute API (lifecycle/refusal.ts), as Nova answers it. */
export const refused = (refusal: Refusal): Reply => fault(refusal.status, refusal.message);

/** webob's text for a path no route matches: what Nova's router answers. */
export const NOT_FOUND = 'The resource could not be found.';

export const notFound = (message = NOT_FOUND): Reply => fault(404, message);
export const badRequest = (message: string): Reply => fault(400, message);
export const forbidden = (message: string): Reply => fault(403, message);
export const conflict = (message: string): Reply => fault(409, message);

/** Nova's text for a policy refusal (PolicyNotAuthorized). */
export const policyFault = (rule: string): Reply => forbidden(`Policy doesn't allow ${rule} to be performed.`);
