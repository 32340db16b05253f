/**
 * The classic "hold model" benchmark of a pending-event set: prefill the set
 * with N events, then repeat "remove the earliest, insert one at its time plus
 * a random increment" so that the size stays N. Three implementations share
 * the same precomputed increments (exponential, mean 1), so the cost of the
 * random number generator is not measured:
 *
 *  - engine:  the novasim `Simulator` (heap-js + pooled records + dispatch
 *             through the handler table), one handler that reschedules itself;
 *  - heap-js: a bare heap-js loop allocating a fresh `{ at, seq }` per event;
 *  - typed:   a hand-written binary heap over typed arrays (no allocation).
 *
 * Only the hold loop is timed (the prefill is not), with `performance.now()`;
 * each cell is the median of `repetitions` runs, after a warm-up of every
 * implementation.
 */
import { performance } from 'node:perf_hooks';
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
  /** Median events/s of the novasim Simulator. */
  readonly engine: number;
  /** Median events/s of the bare heap-js loop (fresh object per event). */
  readonly heapJs: number;
  /** Median events/s of the typed-array binary heap. */
  readonly typed: number;
  /** engine / heapJs. */
  readonly engineOverHeapJs: number;
  /** Peak resident set size of the process so far, in MiB (monotone across rows). */
  readonly peakRssMiB: number;
}

export interface HoldOptions {
  readonly sizes?: readonly number[];
  readonly repetitions?: number;
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

type HoldRun = (pending: number, events: number, inc: Float64Array) => number;

/** Returns the elapsed milliseconds of `events` hold operations on the novasim engine. */
const holdEngine: HoldRun = (pending, events, inc) => {
  const sim = new Simulator();
  let k = 0;
  let done = 0;
  const kind = sim.register('hold', (subject) => {
    sim.after(inc[k++ & INCREMENT_MASK]!, kind, subject);
    if (++done === events) sim.stop();
  });
  for (let i = 0; i < pending; i++) sim.after(inc[k++ & INCREMENT_MASK]!, kind, i);
  const t0 = performance.now();
  sim.run();
  const elapsed = performance.now() - t0;
  check(sim.processed === events && sim.pending === pending, 'engine');
  return elapsed;
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
  const t0 = performance.now();
  for (let n = 0; n < events; n++) {
    const top = heap.pop()!;
    heap.push({ at: top.at + inc[k++ & INCREMENT_MASK]!, seq: seq++ });
  }
  const elapsed = performance.now() - t0;
  check(heap.length === pending, 'heap-js');
  return elapsed;
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
  const t0 = performance.now();
  for (let n = 0; n < events; n++) {
    heap.pop();
    heap.push(heap.lastAt + inc[k++ & INCREMENT_MASK]!, seq++, heap.lastPayload);
  }
  const elapsed = performance.now() - t0;
  check(heap.size === pending, 'typed');
  return elapsed;
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

const IMPLEMENTATIONS = [
  ['engine', holdEngine],
  ['heap-js', holdHeapJs],
  ['typed', holdTyped],
] as const;

/**
 * Runs the hold model for each pending-set size with every implementation.
 * Repetitions are interleaved (engine, heap-js, typed, engine, ...) so that
 * drift in machine state does not favour one implementation.
 */
export function runHoldBenchmarks(events = DEFAULT_HOLD_EVENTS, options: HoldOptions = {}): HoldRow[] {
  const sizes = options.sizes ?? DEFAULT_HOLD_SIZES;
  const repetitions = options.repetitions ?? 3;
  const log = options.log ?? ((): void => {});
  if (!(Number.isInteger(events) && events > 0)) throw new RangeError(`events must be a positive integer, got ${events}`);
  if (!(Number.isInteger(repetitions) && repetitions > 0)) throw new RangeError(`bad repetitions ${repetitions}`);
  const inc = increments();

  // Warm-up: let every implementation reach optimised code on a small and a
  // medium pending set before anything is timed.
  log('hold: warm-up');
  for (let round = 0; round < 3; round++) {
    for (const [, run] of IMPLEMENTATIONS) {
      run(1_000, 300_000, inc);
      run(50_000, 300_000, inc);
    }
  }

  const rows: HoldRow[] = [];
  for (const pending of sizes) {
    if (!(Number.isInteger(pending) && pending > 0)) throw new RangeError(`bad pending-set size ${pending}`);
    const rates: number[][] = IMPLEMENTATIONS.map(() => []);
    for (let rep = 0; rep < repetitions; rep++) {
      IMPLEMENTATIONS.forEach(([name, run], i) => {
        const ms = run(pending, events, inc);
        const rate = events / (ms / 1000);
        rates[i]!.push(rate);
        log(`hold: N=${pending} ${name} rep ${rep + 1}/${repetitions}: ${formatRate(rate)} events/s`);
      });
    }
    const [engine, heapJs, typed] = rates.map(median) as [number, number, number];
    rows.push({
      pending,
      events,
      repetitions,
      engine,
      heapJs,
      typed,
      engineOverHeapJs: engine / heapJs,
      peakRssMiB: peakRssMiB(),
    });
  }
  return rows;
}

function formatRate(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)}M` : `${(rate / 1e3).toFixed(0)}k`;
}

function formatCount(n: number): string {
  const exponent = Math.log10(n);
  return Number.isInteger(exponent) && n >= 1000 ? `1e${exponent}` : n.toLocaleString('en-US');
}

/** The rows as a Markdown table (events/s are medians). */
export function formatHoldTable(rows: readonly HoldRow[]): string {
  const lines = [
    '| pending N | events | engine (ev/s) | heap-js (ev/s) | typed heap (ev/s) | engine / heap-js | peak RSS so far (MiB) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${formatCount(r.pending)} | ${formatCount(r.events)} | ${formatRate(r.engine)} | ${formatRate(r.heapJs)} | ` +
        `${formatRate(r.typed)} | ${r.engineOverHeapJs.toFixed(2)} | ${r.peakRssMiB.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}
