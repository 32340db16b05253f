/**
 * events.csv's rows sent from a run's worker thread to the thread that
 * started it, which formats and writes them while the run goes on.
 *
 * Why: on the full region events.csv is ten million rows, and making their
 * text (numbers printed, strings joined, copied and encoded) was an eighth
 * of the worker's time, while the thread that started it waits with
 * nothing to do. The worker now writes each server row as a few numbers
 * into a buffer, and the other thread makes the same text from them with
 * the same CsvEventRows a run on one thread uses, so the bytes are the same.
 *
 * A buffer is a run of records, each a whole number of 8-byte units
 * (Int32 words 2u and 2u+1 are the unit u's halves):
 *   server row   kind, server | time | host, states | http status, reason length | reason (UTF-16, padded)
 *   definition   kind, number | length, 0 | text (UTF-16, padded)
 * Definitions name a server (sent before its first row, and again if its
 * name changes), a host (before its first row), a state-words combination
 * (in number order) or carry a whole row already joined (every row that
 * is not a server's). Full buffers are transferred, not copied; the last
 * goes with `close`, which resolves once the file is written and closed.
 */
import type { MessagePort } from 'node:worker_threads';
import type { HostId, ServerId } from '../model/ids.js';
import type { Inventory } from '../model/inventory.js';
import { CsvEventRows, type EventRows, StateWords } from '../metrics/writers/events-csv.js';
import { DiskFolder } from './output-folder.js';
import { OperationError } from './input-error.js';

const SERVER_ROW = 1;
const SERVER_NAME = 2;
const HOST_NAME = 3;
const STATES = 4;
const LINE = 5;

/** Bytes per buffer: a few thousand rows, so the other thread formats as the run goes. */
const CHUNK_BYTES = 1 << 20;

/** One buffer sent: its bytes and how many 8-byte units hold records. */
interface Chunk {
  readonly buffer: ArrayBuffer;
  readonly units: number;
}

/** What the worker sends besides buffers, and what it is answered. */
type Control = { readonly end: true };
type Answer = { readonly written: true } | { readonly error: string };

/** The units a string of `length` UTF-16 code units takes. */
const unitsOf = (length: number): number => Math.ceil(length / 4);

/** The worker's side: EventRows that write records into buffers and send them. */
export class EventRowsSender implements EventRows {
  #buffer!: ArrayBuffer;
  #f64!: Float64Array;
  #i32!: Int32Array;
  #u16!: Uint16Array;
  #at = 0;
  /** Per server, the name its rows were last sent under. */
  readonly #sentNames: string[] = [];
  /** Per host, 1 once its name is sent. */
  readonly #sentHosts: Uint8Array;
  #sentStates = 0;

  constructor(
    private readonly port: MessagePort,
    private readonly inventory: Inventory,
    private readonly states: StateWords,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.#sentHosts = new Uint8Array(inventory.hosts.length);
    this.#fresh(chunkBytes);
  }

  server(time: number, server: ServerId, name: string, host: HostId | null, states: number, reason: string, httpStatus: number | null): void {
    if (this.#sentNames[server] !== name) {
      this.#define(SERVER_NAME, server, name);
      this.#sentNames[server] = name;
    }
    if (host !== null && this.#sentHosts[host] !== 1) {
      this.#define(HOST_NAME, host, this.inventory.host(host).name);
      this.#sentHosts[host] = 1;
    }
    while (this.#sentStates <= states) this.#define(STATES, this.#sentStates, this.states.text(this.#sentStates++));
    const units = 4 + unitsOf(reason.length);
    this.#room(units);
    const at = this.#at;
    const i32 = this.#i32;
    i32[2 * at] = SERVER_ROW;
    i32[2 * at + 1] = server;
    this.#f64[at + 1] = time;
    i32[2 * at + 4] = host ?? -1;
    i32[2 * at + 5] = states;
    i32[2 * at + 6] = httpStatus ?? -1;
    i32[2 * at + 7] = reason.length;
    this.#chars(4 * (at + 4), reason);
    this.#at = at + units;
  }

  joined(line: string): void {
    this.#define(LINE, 0, line);
  }

  /** Rows are sent as buffers fill; the rest goes with `close`. */
  flush(): void {}

  /** Sends the rest and waits until the other thread has written and closed events.csv. */
  close(): Promise<void> {
    this.#send();
    return new Promise((resolve, reject) => {
      this.port.once('message', (answer: Answer) => {
        this.port.close();
        if ('error' in answer) reject(new OperationError(`events.csv could not be written: ${answer.error}`));
        else resolve();
      });
      this.port.postMessage({ end: true } satisfies Control);
    });
  }

  #define(kind: number, id: number, text: string): void {
    const units = 2 + unitsOf(text.length);
    this.#room(units);
    const at = this.#at;
    this.#i32[2 * at] = kind;
    this.#i32[2 * at + 1] = id;
    this.#i32[2 * at + 2] = text.length;
    this.#i32[2 * at + 3] = 0;
    this.#chars(4 * (at + 2), text);
    this.#at = at + units;
  }

  #chars(from: number, text: string): void {
    const u16 = this.#u16;
    for (let i = 0; i < text.length; i++) u16[from + i] = text.charCodeAt(i);
  }

  /** Makes room for a record of `units`: the full buffer goes, a new one (large enough) comes. */
  #room(units: number): void {
    if (this.#at + units <= this.#f64.length) return;
    this.#send();
    this.#fresh(Math.max(this.chunkBytes, 8 * units));
  }

  #send(): void {
    if (this.#at === 0) return;
    const chunk: Chunk = { buffer: this.#buffer, units: this.#at };
    this.port.postMessage(chunk, [this.#buffer]);
    this.#fresh(this.chunkBytes);
  }

  #fresh(bytes: number): void {
    this.#buffer = new ArrayBuffer(bytes);
    this.#f64 = new Float64Array(this.#buffer);
    this.#i32 = new Int32Array(this.#buffer);
    this.#u16 = new Uint16Array(this.#buffer);
    this.#at = 0;
  }
}

/**
 * The starting thread's side: writes the rows it is sent into events.csv
 * in `dir` (the run's temporary folder), through the CsvEventRows a run on
 * one thread uses. Answers the worker's `close` once the file is closed,
 * or with the error that stopped it.
 */
export class EventRowsWriter {
  readonly #folder: DiskFolder;
  readonly #rows: CsvEventRows;
  readonly #names: string[] = [];
  readonly #hosts: string[] = [];
  readonly #states = new StateWords();
  readonly #decoder = new TextDecoder('utf-16le');
  #failure: string | null = null;

  constructor(
    private readonly port: MessagePort,
    dir: string,
    batchRows?: number,
  ) {
    this.#folder = new DiskFolder(dir);
    this.#rows = new CsvEventRows(this.#folder.stream('events.csv'), { hostName: (id) => this.#hosts[id]!, states: this.#states }, batchRows);
    port.on('message', (message: Chunk | Control) => {
      if ('end' in message) return this.#end();
      if (this.#failure !== null) return;
      try {
        this.#read(message);
      } catch (e) {
        this.#failure = e instanceof Error ? e.message : String(e);
      }
    });
  }

  /** Closes the file if the worker stopped before sending its end (it was stopped, or failed). */
  abandon(): void {
    this.port.close();
    this.#folder.close();
  }

  #end(): void {
    try {
      if (this.#failure === null) this.#rows.flush();
    } catch (e) {
      this.#failure = e instanceof Error ? e.message : String(e);
    }
    this.#folder.close();
    this.port.postMessage((this.#failure === null ? { written: true } : { error: this.#failure }) satisfies Answer);
    this.port.close();
  }

  #read({ buffer, units }: Chunk): void {
    const f64 = new Float64Array(buffer);
    const i32 = new Int32Array(buffer);
    const u16 = new Uint16Array(buffer);
    const text = (from: number, length: number): string =>
      length === 0 ? '' : length <= 64 ? String.fromCharCode.apply(null, u16.subarray(from, from + length) as unknown as number[]) : this.#decoder.decode(u16.subarray(from, from + length));
    let at = 0;
    while (at < units) {
      const kind = i32[2 * at]!;
      if (kind === SERVER_ROW) {
        const server = i32[2 * at + 1]! as ServerId;
        const host = i32[2 * at + 4]!;
        const http = i32[2 * at + 6]!;
        const length = i32[2 * at + 7]!;
        const reason = text(4 * (at + 4), length);
        this.#rows.server(f64[at + 1]!, server, this.#names[server]!, host < 0 ? null : (host as HostId), i32[2 * at + 5]!, reason, http < 0 ? null : http);
        at += 4 + unitsOf(length);
        continue;
      }
      const id = i32[2 * at + 1]!;
      const length = i32[2 * at + 2]!;
      const value = text(4 * (at + 2), length);
      if (kind === SERVER_NAME) this.#names[id] = value;
      else if (kind === HOST_NAME) this.#hosts[id] = value;
      else if (kind === STATES) this.#states.define(value);
      else if (kind === LINE) this.#rows.joined(value);
      else throw new Error(`unknown record ${kind} in events.csv's rows`);
      at += 2 + unitsOf(length);
    }
  }
}
