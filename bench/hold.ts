/**
 * The classic "hold model" benchmark of a pending-event set: prefill the set
 * with N events, then repeat "remove the earliest, insert one at its time plus
 * a random increment" so that the size stays N. Three implementations share
 * the same precomputed increments (exponential, mean 1), so the cost of the
 * random number generator is not measured:
 *
 *  - engine:  the novasim `Simulator` (its heap-js queue over typed-array
 *             records, dispatch through the handler table), one handler that
 *             reschedules itself;
 *  - heap-js: a bare heap-js loop allocating a fresh `{ at, seq }` per event;
 *  - typed:   a hand-written binary heap over typed arrays (no allocation).
 *
 * Each implementation runs in a worker thread of its own (one V8 isolate
 * each), as the engine does in a real run, where nothing else uses heap-js:
 * in one shared isolate, the bare heap-js loop made heap-js's code
 * polymorphic and left a large garbage-collected heap behind, which slowed
 * the engine measured after it by a third (`isolate: false`, or
 * `npm run bench -- --only hold --hold-one-thread`, shows it).
 *
 * Only the hold loop is timed (the prefill is not), in wall-clock time
 * (`performance.now()`) and in process CPU time (`process.cpuUsage()`, less
 * sensitive to other jobs on a shared machine); each cell is the median of
 * `repetitions` runs, interleaved across implementations, after a warm-up of
 * every implementation.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Heap } from 'heap-js';
import { Simulator } from '../src/engine/simulator.js';
import { makeRng } from '../src/engine/random.js';
import { sample } from '../src/engine/distributions.js';

export const DEFAULT_HOLD_EVENTS = 10_000_000;
export const DEFAULT_HOLD_SIZES: readonly number[] = [1_000, 100_000, 1_000_000];

/** One pending-set size: throughput of each implementation, in events per second. */
export interface HoldRow {
  /** Pending-set size N kept constant during the run. */
  readonly pending: number;
  /** Hold operations (pop + push) timed per repetition. */
  readonly events: number;
  readonly repetitions: number;
  /** Median events per wall-clock second of the novasim Simulator. */
  readonly engine: number;
  /** Median events per wall-clock second of the bare heap-js loop (fresh object per event). */
  readonly heapJs: number;
  /** Median events per wall-clock second of the typed-array binary heap. */
  readonly typed: number;
  /** engine / typed (wall clock): 0.5 means the engine takes twice as long. */
  readonly engineOverTyped: number;
  /** engine / heapJs (wall clock). */
  readonly engineOverHeapJs: number;
  /** The same medians in events per CPU-second of the process. */
  readonly cpu: { readonly engine: number; readonly heapJs: number; readonly typed: number };
  /** Peak resident set size of the process so far, in MiB (monotone across rows; all workers). */
  readonly peakRssMiB: number;
}

export interface HoldOptions {
  readonly sizes?: readonly number[];
  readonly repetitions?: number;
  /** One worker thread per implementation (default), or all in the calling thread. */
  readonly isolate?: boolean;
  /** Called with progress lines (e.g. `console.error`); silent by default. */
  readonly log?: (line: string) => void;
}

// Increments: a power-of-two table, cycled through with a mask. Larger than the
// biggest prefill so that the N prefilled times are all distinct draws.
const INCREMENT_BITS = 21;
const INCREMENT_MASK = (1 << INCREMENT_BITS) - 1;

let incrementTable: Float64Array | undefined;

function increments(): Float64Array {
  if (incrementTable === undefined) {
    const rng = makeRng('novasim/bench/hold');
    const exponential = { kind: 'exponential', mean: 1 } as const;
    incrementTable = new Float64Array(INCREMENT_MASK + 1);
    for (let i = 0; i < incrementTable.length; i++) incrementTable[i] = sample(exponential, rng);
  }
  return incrementTable;
}

/** Wall-clock and process CPU milliseconds of one timed loop. */
interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

interface Clock {
  readonly t0: number;
  readonly cpu0: NodeJS.CpuUsage;
}

const startClock = (): Clock => ({ cpu0: process.cpuUsage(), t0: performance.now() });

function stopClock(clock: Clock): Timing {
  const wallMs = performance.now() - clock.t0;
  const cpu = process.cpuUsage(clock.cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Runs `events` hold operations on a set of `pending` events; times the hold loop only. */
type HoldRun = (pending: number, events: number, inc: Float64Array) => Timing;

/** The novasim engine: one handler that reschedules its subject. */
const holdEngine: HoldRun = (pending, events, inc) => {
  const sim = new Simulator();
  let k = 0;
  let done = 0;
  const kind = sim.register('hold', (subject) => {
    sim.after(inc[k++ & INCREMENT_MASK]!, kind, subject);
    if (++done === events) sim.stop();
  });
  for (let i = 0; i < pending; i++) sim.after(inc[k++ & INCREMENT_MASK]!, kind, i);
  const clock = startClock();
  sim.run();
  const timing = stopClock(clock);
  check(sim.processed === events && sim.pending === pending, 'engine');
  return timing;
};

interface BareEvent {
  at: number;
  seq: number;
}

const byAtSeq = (a: BareEvent, b: BareEvent): number => a.at - b.at || a.seq - b.seq;

/** Bare heap-js: a fresh `{ at, seq }` for every insertion. */
const holdHeapJs: HoldRun = (pending, events, inc) => {
  const heap = new Heap<BareEvent>(byAtSeq);
  let k = 0;
  let seq = 0;
  for (let i = 0; i < pending; i++) heap.push({ at: inc[k++ & INCREMENT_MASK]!, seq: seq++ });
  const clock = startClock();
  for (let n = 0; n < events; n++) {
    const top = heap.pop()!;
    heap.push({ at: top.at + inc[k++ & INCREMENT_MASK]!, seq: seq++ });
  }
  const timing = stopClock(clock);
  check(heap.length === pending, 'heap-js');
  return timing;
};

/**
 * Binary min-heap over parallel typed arrays, ordered by (at, seq), carrying
 * one integer payload. Fixed capacity; no allocation after construction.
 */
export class TypedHeap {
  readonly #at: Float64Array;
  readonly #seq: Float64Array;
  readonly #payload: Int32Array;
  #size = 0;
  /** Time and payload of the last popped entry. */
  lastAt = 0;
  lastPayload = 0;

  constructor(capacity: number) {
    this.#at = new Float64Array(capacity);
    this.#seq = new Float64Array(capacity);
    this.#payload = new Int32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(at: number, seq: number, payload: number): void {
    const keys = this.#at;
    const seqs = this.#seq;
    const data = this.#payload;
    if (this.#size === keys.length) throw new RangeError('TypedHeap is full');
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pAt = keys[parent]!;
      if (pAt < at || (pAt === at && seqs[parent]! < seq)) break;
      keys[i] = pAt;
      seqs[i] = seqs[parent]!;
      data[i] = data[parent]!;
      i = parent;
    }
    keys[i] = at;
    seqs[i] = seq;
    data[i] = payload;
  }

  /** Removes the earliest entry into `lastAt`/`lastPayload`. */
  pop(): void {
    const keys = this.#at;
    const seqs = this.#seq;
    const data = this.#payload;
    if (this.#size === 0) throw new RangeError('pop from an empty TypedHeap');
    this.lastAt = keys[0]!;
    this.lastPayload = data[0]!;
    const n = --this.#size;
    if (n === 0) return;
    // Sift the former last entry down from the root.
    const at = keys[n]!;
    const seq = seqs[n]!;
    const payload = data[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const lAt = keys[child]!;
        const rAt = keys[right]!;
        if (rAt < lAt || (rAt === lAt && seqs[right]! < seqs[child]!)) child = right;
      }
      const cAt = keys[child]!;
      if (at < cAt || (at === cAt && seq < seqs[child]!)) break;
      keys[i] = cAt;
      seqs[i] = seqs[child]!;
      data[i] = data[child]!;
      i = child;
    }
    keys[i] = at;
    seqs[i] = seq;
    data[i] = payload;
  }
}

/** Hand-written typed-array heap. */
const holdTyped: HoldRun = (pending, events, inc) => {
  const heap = new TypedHeap(pending + 1);
  let k = 0;
  let seq = 0;
  for (let i = 0; i < pending; i++) heap.push(inc[k++ & INCREMENT_MASK]!, seq++, i);
  const clock = startClock();
  for (let n = 0; n < events; n++) {
    heap.pop();
    heap.push(heap.lastAt + inc[k++ & INCREMENT_MASK]!, seq++, heap.lastPayload);
  }
  const timing = stopClock(clock);
  check(heap.size === pending, 'typed');
  return timing;
};

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`hold benchmark (${what}): pending-set size or event count is off`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

const IMPLEMENTATIONS = {
  engine: holdEngine,
  'heap-js': holdHeapJs,
  typed: holdTyped,
} as const satisfies Record<string, HoldRun>;
type ImplementationName = keyof typeof IMPLEMENTATIONS;
const NAMES = Object.keys(IMPLEMENTATIONS) as ImplementationName[];

/** Runs one implementation, then collects its garbage (untimed) so that the next run starts clean. */
function measure(name: ImplementationName, pending: number, events: number): Timing {
  const timing = IMPLEMENTATIONS[name](pending, events, increments());
  collectGarbage();
  return timing;
}

let gc: (() => void) | undefined;
function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** Warm-up: lets an implementation reach optimised code on a small and a medium pending set. */
function warmUp(name: ImplementationName): void {
  for (let round = 0; round < 3; round++) {
    measure(name, 1_000, 300_000);
    measure(name, 50_000, 300_000);
  }
}

/** Where an implementation runs: a worker thread of its own, or the calling thread. */
interface Runner {
  warmUp(): Promise<void>;
  run(pending: number, events: number): Promise<Timing>;
  close(): Promise<void>;
}

type Request = { readonly type: 'warm-up' } | { readonly type: 'run'; readonly pending: number; readonly events: number };

function inThread(name: ImplementationName): Runner {
  return {
    warmUp: async () => warmUp(name),
    run: async (pending, events) => measure(name, pending, events),
    close: async () => {},
  };
}

function inWorker(name: ImplementationName): Runner {
  const worker = new Worker(new URL(import.meta.url), { workerData: { holdImplementation: name } });
  const ask = (request: Request): Promise<Timing> =>
    new Promise((resolve, reject) => {
      const fail = (error: unknown): void => reject(error instanceof Error ? error : new Error(String(error)));
      worker.once('error', fail);
      worker.once('message', (reply: Timing) => {
        worker.off('error', fail);
        resolve(reply);
      });
      worker.postMessage(request);
    });
  return {
    warmUp: async () => void (await ask({ type: 'warm-up' })),
    run: (pending, events) => ask({ type: 'run', pending, events }),
    close: async () => void (await worker.terminate()),
  };
}

// Inside a worker started by `inWorker`: serve requests for one implementation.
if (!isMainThread && parentPort !== null) {
  const name = (workerData as { holdImplementation?: ImplementationName } | null)?.holdImplementation;
  if (name !== undefined) {
    const port = parentPort;
    port.on('message', (request: Request) => {
      if (request.type === 'warm-up') {
        warmUp(name);
        port.postMessage({ wallMs: 0, cpuMs: 0 });
      } else port.postMessage(measure(name, request.pending, request.events));
    });
  }
}

/**
 * Runs the hold model for each pending-set size with every implementation.
 * Repetitions are interleaved (engine, heap-js, typed, engine, ...) and never
 * overlap, so that drift in machine state does not favour one implementation.
 */
export async function runHoldBenchmarks(events = DEFAULT_HOLD_EVENTS, options: HoldOptions = {}): Promise<HoldRow[]> {
  const sizes = options.sizes ?? DEFAULT_HOLD_SIZES;
  const repetitions = options.repetitions ?? 3;
  const log = options.log ?? ((): void => {});
  if (!(Number.isInteger(events) && events > 0)) throw new RangeError(`events must be a positive integer, got ${events}`);
  if (!(Number.isInteger(repetitions) && repetitions > 0)) throw new RangeError(`bad repetitions ${repetitions}`);
  for (const pending of sizes) {
    if (!(Number.isInteger(pending) && pending > 0)) throw new RangeError(`bad pending-set size ${pending}`);
  }

  const runners = NAMES.map((name) => (options.isolate === false ? inThread(name) : inWorker(name)));
  try {
    log(`hold: warm-up (${options.isolate === false ? 'one thread' : 'one worker thread per implementation'})`);
    for (const runner of runners) await runner.warmUp();

    const rows: HoldRow[] = [];
    for (const pending of sizes) {
      const wall: number[][] = NAMES.map(() => []);
      const cpu: number[][] = NAMES.map(() => []);
      for (let rep = 0; rep < repetitions; rep++) {
        for (const [i, runner] of runners.entries()) {
          const timing = await runner.run(pending, events);
          wall[i]!.push(events / (timing.wallMs / 1000));
          cpu[i]!.push(events / (timing.cpuMs / 1000));
          log(`hold: N=${pending} ${NAMES[i]} rep ${rep + 1}/${repetitions}: ${formatRate(wall[i]!.at(-1)!)} events/s, ${formatRate(cpu[i]!.at(-1)!)} per CPU-second`);
        }
      }
      const [engine, heapJs, typed] = wall.map(median) as [number, number, number];
      const [cpuEngine, cpuHeapJs, cpuTyped] = cpu.map(median) as [number, number, number];
      rows.push({
        pending,
        events,
        repetitions,
        engine,
        heapJs,
        typed,
        engineOverTyped: engine / typed,
        engineOverHeapJs: engine / heapJs,
        cpu: { engine: cpuEngine, heapJs: cpuHeapJs, typed: cpuTyped },
        peakRssMiB: peakRssMiB(),
      });
    }
    return rows;
  } finally {
    for (const runner of runners) await runner.close();
  }
}

function formatRate(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}M` : `${(rate / 1e3).toFixed(0)}k`;
}

function formatCount(n: number): string {
  const exponent = Math.log10(n);
  return Number.isInteger(exponent) && n >= 1000 ? `1e${exponent}` : n.toLocaleString('en-US');
}

/** The rows as two Markdown tables, wall clock then CPU time (events/s are medians). */
export function formatHoldTable(rows: readonly HoldRow[]): string {
  const header = (unit: string): string[] => [
    `| pending N | events | engine (${unit}) | heap-js (${unit}) | typed heap (${unit}) | engine / typed heap | engine / heap-js |` +
      (unit === 'ev/s' ? ' peak RSS so far (MiB) |' : ''),
    unit === 'ev/s' ? '|---:|---:|---:|---:|---:|---:|---:|---:|' : '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const line = (r: HoldRow, engine: number, heapJs: number, typed: number, rss: boolean): string =>
    `| ${formatCount(r.pending)} | ${formatCount(r.events)} | ${formatRate(engine)} | ${formatRate(heapJs)} | ` +
    `${formatRate(typed)} | ${(engine / typed).toFixed(2)} | ${(engine / heapJs).toFixed(2)} |` +
    (rss ? ` ${r.peakRssMiB.toFixed(0)} |` : '');
  return [
    'Wall clock:',
    '',
    ...header('ev/s'),
    ...rows.map((r) => line(r, r.engine, r.heapJs, r.typed, true)),
    '',
    'Process CPU time (the same runs):',
    '',
    ...header('ev/CPU-s'),
    ...rows.map((r) => line(r, r.cpu.engine, r.cpu.heapJs, r.cpu.typed, false)),
  ].join('\n');
}
