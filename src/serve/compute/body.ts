import { MALFORMED, type Call, type Reply } from '../http/exchange.js';
import { badRequest } from './faults.js';
import { firstError, novaDetail, type Schema } from './json-schema.js';

/** A request body that passed its schema, or Nova's 400 for it. */
export type Checked = { readonly body: Record<string, unknown> } | { readonly fault: Reply };

/** The body checked against `schema` as nova/api/validation checks it (no body is checked as null). */
export function checked(call: Call, schema: Schema): Checked {
  if (call.body === MALFORMED) return { fault: badRequest('Malformed request body') };
  const error = firstError(schema, call.body ?? null);
  return error === null ? { body: call.body as Record<string, unknown> } : { fault: badRequest(novaDetail(error)) };
}
