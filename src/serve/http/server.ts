import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MALFORMED, type Call, type Reply } from './exchange.js';

/**
 * oslo.middleware's [oslo_middleware] max_request_body_size default (114688
 * bytes): a larger body is refused with 413 before it is read whole.
 */
export const MAX_BODY_BYTES = 114_688;

export interface HttpOptions {
  readonly port: number;
  readonly bind: string;
  readonly maxBodyBytes?: number;
  /** The answer to a body over the limit (each service words its own). */
  readonly tooLarge: (call: Call) => Reply;
  /** The answer when a handler throws: the request fails, the server goes on. */
  readonly failed: (call: Call, error: unknown) => Reply;
}

export interface Listening {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Node's own http server around one synchronous handler: each request is
 * read whole (up to the limit), parsed, answered, and never allowed to
 * take the process down. Handlers run one at a time on the event loop, so
 * requests that arrive together are taken one after the other, none lost.
 */
export function listen(handle: (call: Call) => Reply, options: HttpOptions): Promise<Listening> {
  const server = createServer((req, res) => {
    void serveOne(req, res, handle, options).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Clients keep connections open between the calls of a script; an idle socket the server closes
  // just as a client reuses it loses that request, so idle sockets stay open longer than clients keep them.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

async function serveOne(req: IncomingMessage, res: ServerResponse, handle: (call: Call) => Reply, options: HttpOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const host = typeof req.headers.host === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : `${options.bind}:${options.port}`;
  const base = {
    method: req.method ?? 'GET',
    segments: segmentsOf(url.pathname),
    query: url.searchParams,
    headers: req.headers,
    origin: `http://${host}`,
    requestId: `req-${randomUUID()}`,
  };
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const raw = await readBody(req, limit);
  if (raw === 'too large') return write(res, req.method, { ...base, body: undefined }, options.tooLarge({ ...base, body: undefined }), true);
  const call: Call = { ...base, body: parseJson(raw) };
  let answer: Reply;
  try {
    answer = handle(call);
  } catch (error) {
    answer = options.failed(call, error);
  }
  write(res, req.method, call, answer, false);
}

/** The path's segments, each percent-decoded; an undecodable one is kept as it came (it then matches no route). */
function segmentsOf(pathname: string): string[] {
  return pathname.split('/').filter((s) => s !== '').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume(); // drain without keeping: the answer goes out at once
    return Promise.resolve('too large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return MALFORMED;
  }
}

function write(res: ServerResponse, method: string | undefined, call: Call, answer: Reply, close: boolean): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  const headers: OutgoingHttpHeaders = {
    'x-openstack-request-id': call.requestId,
    ...(text === '' ? {} : { 'content-type': 'application/json' }),
    'content-length': String(Buffer.byteLength(text)),
    ...answer.headers,
    ...(close ? { connection: 'close' } : {}),
  };
  res.writeHead(answer.status, headers);
  res.end(method === 'HEAD' ? undefined : text);
}
