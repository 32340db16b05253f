/**
 * A request the compute API turns down, as a value: the HTTP status Nova
 * answers with (400 a malformed body, 403 a quota or policy, 409 a state
 * conflict) and Nova's message. events.csv shows the message.
 */
export interface Refusal {
  readonly status: 400 | 403 | 409;
  readonly message: string;
}

/** HTTP 400: the request body is malformed. */
export const badRequest = (message: string): Refusal => ({ status: 400, message });
/** HTTP 403: a quota or limit refuses it. */
export const forbidden = (message: string): Refusal => ({ status: 403, message });

/** Bytes of `s` in UTF-8: Nova's limits on metadata and paths are byte limits in the seed's words. */
export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
