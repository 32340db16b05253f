/**
 * Event records stored as a struct of arrays: record `i` is the `i`-th slot
 * of every column. Plain numbers in typed arrays: no object per event, and
 * a column read touches 8 bytes per record. Columns double when full; the
 * arrays are then replaced, so read them afresh after anything that may grow.
 */
export class EventColumns {
  /** Simulated seconds of each record: the primary key. */
  at: Float64Array;
  /** Lower first among equal `at`. */
  priority: Float64Array;
  /** Insertion counter, unique per record: FIFO among equal (at, priority). */
  seq: Float64Array;
  /** Index into the simulator's handler table. */
  kind: Int32Array;
  /** Id of the object concerned (host, server, generator, ...). */
  subject: Float64Array;
  /** A second number for the handler (an epoch, a step index, ...). */
  arg: Float64Array;

  constructor(capacity: number) {
    const n = Math.max(1, Math.ceil(capacity));
    this.at = new Float64Array(n);
    this.priority = new Float64Array(n);
    this.seq = new Float64Array(n);
    this.kind = new Int32Array(n);
    this.subject = new Float64Array(n);
    this.arg = new Float64Array(n);
  }

  /** Number of records the columns hold before they next double. */
  get capacity(): number {
    return this.at.length;
  }

  /** Writes record `i`. */
  set(i: number, at: number, priority: number, seq: number, kind: number, subject: number, arg: number): void {
    this.at[i] = at;
    this.priority[i] = priority;
    this.seq[i] = seq;
    this.kind[i] = kind;
    this.subject[i] = subject;
    this.arg[i] = arg;
  }

  /** Copies record `i` of these columns into slot `j` of `to` (which may be these columns). */
  copyTo(i: number, to: EventColumns, j: number): void {
    to.at[j] = this.at[i]!;
    to.priority[j] = this.priority[i]!;
    to.seq[j] = this.seq[i]!;
    to.kind[j] = this.kind[i]!;
    to.subject[j] = this.subject[i]!;
    to.arg[j] = this.arg[i]!;
  }

  /** Doubles every column, keeping the records. O(capacity). */
  protected grow(): void {
    const n = this.at.length * 2;
    this.at = grown(this.at, new Float64Array(n));
    this.priority = grown(this.priority, new Float64Array(n));
    this.seq = grown(this.seq, new Float64Array(n));
    this.kind = grown(this.kind, new Int32Array(n));
    this.subject = grown(this.subject, new Float64Array(n));
    this.arg = grown(this.arg, new Float64Array(n));
  }
}

/** Copies `from` into the start of `to` and returns `to`. */
export function grown<A extends Float64Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
