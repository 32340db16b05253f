/**
 * A served cloud for the serve tests, in this process: the fixture
 * scenario served on a free loopback port, a results folder and a
 * recording in a temporary folder, and small helpers to log in and call.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type ServeOutcome, type Serving } from '../../src/serve/serve.js';
import { tempDir } from '../integration/helpers.js';

export const FIXTURE = 'test/fixtures/serve/cloud.yaml';

/** The fixture's users and their passwords. */
export const USERS = {
  alice: 'alice-Secret-1',
  rita: 'rita-Secret-1',
  admin: 'admin-Secret-1',
  olga: 'olga-Secret-1',
} as const;
export type UserName = keyof typeof USERS;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

export interface Served {
  readonly serving: Serving;
  readonly dir: string;
  readonly out: string;
  readonly recording: string;
  /** A token of `user`. */
  token(user: UserName): Promise<string>;
  /** A request to the served cloud; `as` logs in (once) and sends the token. */
  call(method: string, path: string, options?: { as?: UserName; body?: unknown; raw?: string; headers?: Record<string, string>; version?: string }): Promise<Answer>;
  /** Advances the simulated clock at once (admin endpoint). */
  advance(seconds: number): Promise<void>;
  stop(): Promise<ServeOutcome>;
  /** Removes the temporary folder. */
  clean(): void;
}

export async function startServed(options: { speed?: number; tokenSeconds?: number; file?: string } = {}): Promise<Served> {
  const dir = tempDir('serve');
  const out = join(dir, 'out');
  const recording = join(dir, 'recording.yaml');
  const serving = await serve({ file: options.file ?? FIXTURE, port: 0, speed: options.speed ?? 1, out, record: recording, tokenSeconds: options.tokenSeconds });
  const tokens = new Map<UserName, string>();
  const token = async (user: UserName): Promise<string> => {
    const known = tokens.get(user);
    if (known !== undefined) return known;
    const project = user === 'admin' ? 'admin' : user === 'olga' ? 'other' : 'demo';
    const res = await fetch(`${serving.url}/identity/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password: USERS[user] } } },
          scope: { project: { name: project, domain: { name: 'Default' } } },
        },
      }),
    });
    if (res.status !== 201) throw new Error(`login of ${user}: ${res.status} ${await res.text()}`);
    const id = res.headers.get('x-subject-token')!;
    tokens.set(user, id);
    return id;
  };
  const call: Served['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.as !== undefined) headers['x-auth-token'] = await token(o.as);
    if (o.version !== undefined) headers['openstack-api-version'] = `compute ${o.version}`;
    const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${serving.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    serving,
    dir,
    out,
    recording,
    token,
    call,
    advance: async (seconds) => {
      const res = await call('POST', '/novasim/admin/clock', { as: 'admin', body: { advance: seconds } });
      if (res.status !== 200) throw new Error(`advance: ${res.status} ${res.text}`);
    },
    stop: () => serving.stop(),
    clean: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A create body at 2.37 or later (networks is required there). */
export const createBody = (name: string, more: Record<string, unknown> = {}) => ({
  server: { name, flavorRef: 'm1.tiny', imageRef: '00000000-0000-4000-a000-000000000000', networks: 'auto', ...more },
});
