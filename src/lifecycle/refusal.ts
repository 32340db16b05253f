/** The HTTP status a refused request is answered with: 400 bad body, 401 unknown project, 403 policy or quota, 404 no such server, 409 conflict. */
export type HttpStatus = 400 | 401 | 403 | 404 | 409;

/**
 * A request the compute API turns down, as a value: the HTTP status Nova
 * answers with (400 a malformed body or a bad reference in it, 403 a
 * quota or policy, 404 a server that does not exist, 409 a state
 * conflict) and Nova's message. events.csv shows both.
 */
export interface Refusal {
  readonly status: HttpStatus;
  readonly message: string;
}

/** HTTP 400: the request body is malformed, or names what cannot be used. */
export const badRequest = (message: string): Refusal => ({ status: 400, message });
/** HTTP 401: Keystone does not know the project the request is made in. */
export const unauthorized = (message: string): Refusal => ({ status: 401, message });
/** HTTP 403: a quota, limit or policy refuses it. */
export const forbidden = (message: string): Refusal => ({ status: 403, message });
/** HTTP 404: what the URL names does not exist. */
export const notFound = (message: string): Refusal => ({ status: 404, message });
/** HTTP 409: the server's state (or its lock, or its host) does not allow it now. */
export const conflict = (message: string): Refusal => ({ status: 409, message });

/** Nova's PolicyNotAuthorized text (HTTP 403). */
export const policyRefusal = (policy: string): Refusal => forbidden(`Policy doesn't allow ${policy} to be performed.`);

/** Bytes of `s` in UTF-8: Nova's limits on metadata and paths are byte limits in the seed's words. */
export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
