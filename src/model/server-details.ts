import type { ServerId } from './ids.js';

/**
 * One file of a server's disk as file injection knows it: a file the
 * image ships (path only) or a personality file (its size, never its
 * contents). A file moved aside by a later injection keeps its entry under
 * its `.bak.<timestamp>` path, with where and when it was moved from.
 */
export interface ServerFile {
  readonly path: string;
  readonly source: 'image' | 'personality';
  /** Decoded bytes of a personality file; null for an image's own file. */
  readonly sizeBytes: number | null;
  readonly owner: string | null;
  readonly group: string | null;
  /** Octal, as text ("0440"); null for an image's own file. */
  readonly mode: string | null;
  /** Simulated seconds; null for an image's own file. */
  readonly injectedAt: number | null;
  readonly renamedFrom: string | null;
  readonly renamedAt: number | null;
}

/** A personality file waiting for the end of its spawn: path and decoded size only. */
export interface PendingFile {
  readonly path: string;
  readonly sizeBytes: number;
}

/**
 * What became of a server's admin password: where it came from and what
 * the password policy found missing (empty when it complied). The password
 * itself is never kept.
 */
export interface PasswordVerdict {
  readonly source: 'given' | 'generated';
  readonly problems: readonly string[];
}

/** Every server gets a password at create; one Nova generated always meets the policy. */
export const GENERATED_PASSWORD: PasswordVerdict = Object.freeze({ source: 'generated', problems: Object.freeze([]) });

/** What the compute API keeps about a server beyond its state: metadata, files, password verdict, fault time. */
export interface ServerDetails {
  /** Key -> value, in the order the keys were first set. */
  readonly metadata: Map<string, string>;
  /** Path -> file: the server's injected file tree. */
  readonly files: Map<string, ServerFile>;
  /** Personality files of the build or rebuild in progress. */
  pendingFiles: readonly PendingFile[];
  password: PasswordVerdict;
  /** Verdict on the password of the request in progress (create, rebuild, set_admin_password), until it lands. */
  pendingPassword: PasswordVerdict | null;
  /** Simulated time the server's last action failed (its fault's `created`); null if none did. */
  faultAt: number | null;
}

/**
 * Details by server id. Most servers (a workload's: no metadata, no files,
 * a generated password) never get a row; `peek` answers undefined for them
 * and `of` creates the row on first write, so memory grows with the servers
 * that carry something.
 */
export class ServerDetailsTable {
  readonly #rows: (ServerDetails | undefined)[] = [];

  peek(id: ServerId): ServerDetails | undefined {
    return this.#rows[id];
  }

  of(id: ServerId): ServerDetails {
    let row = this.#rows[id];
    if (row === undefined) {
      row = { metadata: new Map(), files: new Map(), pendingFiles: [], password: GENERATED_PASSWORD, pendingPassword: null, faultAt: null };
      this.#rows[id] = row;
    }
    return row;
  }

  /** The server's password verdict (a generated one when nothing else was recorded). */
  passwordOf(id: ServerId): PasswordVerdict {
    return this.#rows[id]?.password ?? GENERATED_PASSWORD;
  }
}
