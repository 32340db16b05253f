import { randomBytes } from 'node:crypto';
import type { User } from './directory.js';

/** A token Keystone issued: whose it is and when it stops being valid (wall-clock milliseconds). */
export interface Token {
  readonly id: string;
  readonly user: User;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Keystone's audit id: names the token in logs without being usable as one. */
  readonly auditId: string;
}

/** Keystone's default [token] expiration, in seconds. */
export const TOKEN_SECONDS = 3600;
/** The most tokens kept at once: a client that logs in in a loop cannot grow the table without end. */
const MAX_TOKENS = 100_000;

/**
 * Issued tokens: random (32 bytes from the system's CSPRNG, so one cannot be
 * guessed from another), valid until they expire or are revoked. Times are
 * the wall clock's, as Keystone's are: a token's life does not depend on
 * the simulation's speed.
 */
export class Tokens {
  readonly #tokens = new Map<string, Token>();

  constructor(
    private readonly clock: () => number,
    private readonly seconds: number = TOKEN_SECONDS,
  ) {}

  issue(user: User): Token {
    const now = this.clock();
    if (this.#tokens.size >= MAX_TOKENS) this.#evict(now);
    const token = { id: randomBytes(32).toString('hex'), user, issuedAt: now, expiresAt: now + this.seconds * 1000, auditId: randomBytes(16).toString('base64url') };
    this.#tokens.set(token.id, token);
    return token;
  }

  /** The token, while it is valid. */
  valid(id: string | undefined): Token | undefined {
    if (id === undefined) return undefined;
    const token = this.#tokens.get(id);
    if (token === undefined) return undefined;
    if (token.expiresAt > this.clock()) return token;
    this.#tokens.delete(id);
    return undefined;
  }

  revoke(id: string): boolean {
    return this.#tokens.delete(id);
  }

  /** Drops the expired tokens, then, if still full, the oldest (a Map iterates in insertion order). */
  #evict(now: number): void {
    for (const [id, t] of this.#tokens) if (t.expiresAt <= now) this.#tokens.delete(id);
    for (const id of this.#tokens.keys()) {
      if (this.#tokens.size < MAX_TOKENS) break;
      this.#tokens.delete(id);
    }
  }
}
