import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HeapEventQueue } from '../../../src/engine/event-queue.js';
import { Simulator } from '../../../src/engine/simulator.js';

/** A simulator with one handler that records `[now, subject, arg]` per dispatch. */
function recording(): { sim: Simulator; kind: number; log: Array<[number, number, number]> } {
  const sim = new Simulator();
  const log: Array<[number, number, number]> = [];
  const kind = sim.register('record', (subject, arg) => log.push([sim.now, subject, arg]));
  return { sim, kind, log };
}

describe('Simulator ordering', () => {
  it('dispatches by time, then priority, then insertion order', () => {
    const { sim, kind, log } = recording();
    sim.after(5, kind, 1);
    sim.after(1, kind, 2, 0, 3);
    sim.after(1, kind, 3, 0, -1);
    sim.after(1, kind, 4, 0, 0);
    sim.at(0.5, kind, 5, 0, 99);
    sim.after(5, kind, 6, 0, -5);
    sim.run();
    expect(log.map(([, subject]) => subject)).toEqual([5, 3, 4, 2, 6, 1]);
    expect(log.map(([now]) => now)).toEqual([0.5, 1, 1, 1, 5, 5]);
    expect(sim.processed).toBe(6);
    expect(sim.pending).toBe(0);
    expect(sim.now).toBe(5);
  });

  it('keeps FIFO order among events with equal time and priority', () => {
    const { sim, kind, log } = recording();
    for (let i = 0; i < 50; i++) sim.after(2, kind, i, 0, 1);
    for (let i = 50; i < 100; i++) sim.at(2, kind, i, 0, 1);
    sim.run();
    expect(log.map(([, subject]) => subject)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('passes subject and arg to the handler of the registered kind', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const a = sim.register('a', (s, x) => seen.push(`a:${s}:${x}`));
    const b = sim.register('b', (s, x) => seen.push(`b:${s}:${x}`));
    sim.after(1, b, 7, 42);
    sim.after(2, a, 8, -1);
    sim.run();
    expect(seen).toEqual(['b:7:42', 'a:8:-1']);
    expect(sim.kindName(a)).toBe('a');
    expect(sim.kindName(b)).toBe('b');
    expect(sim.kindName(9)).toBe('kind#9');
  });

  it('events scheduled at the current time from a handler run in the same instant, after those already queued', () => {
    const sim = new Simulator();
    const order: string[] = [];
    let child = -1;
    const parent = sim.register('parent', () => {
      order.push('parent');
      sim.after(0, child, 0);
    });
    child = sim.register('child', () => order.push(`child@${sim.now}`));
    const other = sim.register('other', () => order.push(`other@${sim.now}`));
    sim.after(1, parent, 0);
    sim.after(1, other, 0);
    sim.run();
    expect(order).toEqual(['parent', 'other@1', 'child@1']);
  });
});

describe('Simulator handlers scheduling events', () => {
  it('lets a handler reschedule itself and others', () => {
    const sim = new Simulator();
    const ticks: number[] = [];
    const done: number[] = [];
    const finish = sim.register('finish', (subject) => done.push(subject));
    const tick = sim.register('tick', (subject, arg) => {
      ticks.push(sim.now);
      if (arg < 4 && ticks.length < 100) sim.after(10, tick, subject, arg + 1); // cap: fail, don't hang
      else sim.after(0.5, finish, subject);
    });
    sim.after(0, tick, 3, 0);
    sim.run();
    expect(ticks).toEqual([0, 10, 20, 30, 40]);
    expect(done).toEqual([3]);
    expect(sim.now).toBe(40.5);
    expect(sim.processed).toBe(6);
  });

  it('stop() ends run after the current event and run() resumes', () => {
    const { sim, kind, log } = recording();
    const stopper = sim.register('stop', () => sim.stop());
    sim.after(1, kind, 1);
    sim.after(2, stopper, 0);
    sim.after(3, kind, 3);
    sim.run();
    expect(log.map(([, s]) => s)).toEqual([1]);
    expect(sim.now).toBe(2);
    sim.run();
    expect(log.map(([, s]) => s)).toEqual([1, 3]);
  });

  it('rejects unknown kinds', () => {
    const sim = new Simulator();
    expect(() => sim.after(1, 0, 0)).toThrow(RangeError);
  });
});

describe('Simulator timers', () => {
  it('cancel prevents a pending timer from firing', () => {
    const { sim, kind, log } = recording();
    sim.after(1, kind, 1);
    const token = sim.after(2, kind, 2);
    sim.after(3, kind, 3);
    sim.cancel(token);
    sim.run();
    expect(log.map(([, s]) => s)).toEqual([1, 3]);
    expect(sim.processed).toBe(2);
  });

  it('a handler can cancel a timer set by another event', () => {
    const sim = new Simulator();
    const fired: string[] = [];
    const timeout = sim.register('timeout', () => fired.push('timeout'));
    let token = -1;
    const reply = sim.register('reply', () => {
      fired.push('reply');
      sim.cancel(token);
    });
    token = sim.after(10, timeout, 0);
    sim.after(4, reply, 0);
    sim.run();
    expect(fired).toEqual(['reply']);
    expect(sim.now).toBe(4);
  });

  it('cancelling one of several simultaneous timers leaves the others in order', () => {
    const { sim, kind, log } = recording();
    const tokens = [0, 1, 2, 3, 4].map((i) => sim.after(1, kind, i));
    sim.cancel(tokens[2]!);
    sim.run();
    expect(log.map(([, s]) => s)).toEqual([0, 1, 3, 4]);
  });
});

describe('Simulator.run(until)', () => {
  it('run() with no horizon returns once the queue drains (also when only cancelled events remain)', () => {
    // Regression: peekTime() is +Infinity on an empty queue, and `Infinity <= Infinity`
    // made run() pop from the empty queue instead of returning.
    const empty = new Simulator();
    expect(() => empty.run()).not.toThrow();
    expect(empty.now).toBe(0);

    const { sim, kind, log } = recording();
    sim.after(1, kind, 1);
    sim.cancel(sim.after(2, kind, 2));
    expect(() => sim.run()).not.toThrow();
    expect(log.map(([, s]) => s)).toEqual([1]);
    expect(sim.now).toBe(1);
    expect(sim.pending).toBe(0);
  });

  it('stops at until and advances the clock to it', () => {
    const { sim, kind, log } = recording();
    sim.after(5, kind, 1);
    sim.after(15, kind, 2);
    sim.run(10);
    expect(log.map(([, s]) => s)).toEqual([1]);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(1);
    sim.run(20);
    expect(log.map(([, s]) => s)).toEqual([1, 2]);
    expect(sim.now).toBe(20);
  });

  it('advances the clock even when nothing is pending', () => {
    const sim = new Simulator();
    sim.run(7);
    expect(sim.now).toBe(7);
  });

  it('runs events scheduled exactly at until, including ones they schedule at until', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const leaf = sim.register('leaf', (s) => seen.push(s));
    const root = sim.register('root', (s) => {
      seen.push(s);
      sim.after(0, leaf, s + 100);
      sim.after(1e-9, leaf, s + 200);
    });
    sim.at(10, root, 1);
    sim.run(10);
    expect(seen).toEqual([1, 101]);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(1);
  });

  it('after() is relative to the clock advanced by run(until)', () => {
    const { sim, kind, log } = recording();
    sim.run(100);
    sim.after(5, kind, 1);
    sim.run();
    expect(log).toEqual([[105, 1, 0]]);
  });

  it('does not move the clock backwards', () => {
    const { sim, kind } = recording();
    sim.after(5, kind, 1);
    sim.run();
    sim.run(3);
    expect(sim.now).toBe(5);
  });
});

describe('Simulator argument validation', () => {
  it('after() throws on a negative or NaN delay', () => {
    const { sim, kind } = recording();
    expect(() => sim.after(-1, kind, 0)).toThrow(RangeError);
    expect(() => sim.after(-Number.MIN_VALUE, kind, 0)).toThrow(RangeError);
    expect(() => sim.after(Number.NaN, kind, 0)).toThrow(RangeError);
    expect(sim.pending).toBe(0);
    expect(() => sim.after(0, kind, 0)).not.toThrow();
  });

  it('at() throws for a time in the past (or NaN) and accepts now', () => {
    const { sim, kind, log } = recording();
    sim.run(10);
    expect(() => sim.at(9.999, kind, 0)).toThrow(RangeError);
    expect(() => sim.at(Number.NaN, kind, 0)).toThrow(RangeError);
    expect(sim.pending).toBe(0);
    sim.at(10, kind, 1);
    sim.run();
    expect(log).toEqual([[10, 1, 0]]);
  });
});

// ─── property test: record reuse never corrupts order or payload ───────────

interface Spawn {
  readonly delay: number;
  readonly priority: number;
  /** If >= 0: cancel the event with id (self - cancelBack - 1) when still pending. */
  readonly cancelBack: number;
}

interface Plan {
  readonly initial: ReadonlyArray<{ delay: number; priority: number }>;
  /** What the event with id i spawns: spawns[i % spawns.length]. */
  readonly spawns: ReadonlyArray<ReadonlyArray<Spawn>>;
  /** Intermediate run(until) horizons. */
  readonly pauses: readonly number[];
  readonly maxEvents: number;
}

interface Fired {
  readonly id: number;
  readonly at: number;
  readonly arg: number;
}

/** Arg carried by event `id`: distinct per id, so a recycled record with a stale payload shows up. */
const argOf = (id: number): number => id * 7 + 0.5;

// Small integer delays and priorities: lots of exact ties.
const delayArb = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 4, noNaN: true }));
const planArb: fc.Arbitrary<Plan> = fc.record({
  initial: fc.array(fc.record({ delay: delayArb, priority: fc.integer({ min: -2, max: 2 }) }), {
    minLength: 1,
    maxLength: 40,
  }),
  spawns: fc.array(
    fc.array(
      fc.record({
        delay: delayArb,
        priority: fc.integer({ min: -2, max: 2 }),
        cancelBack: fc.integer({ min: -6, max: 6 }),
      }),
      { maxLength: 3 },
    ),
    { minLength: 1, maxLength: 12 },
  ),
  // Multiples of 1/4, so some pauses fall exactly on event times.
  pauses: fc.array(fc.integer({ min: 0, max: 120 }).map((q) => q / 4), { maxLength: 4 }),
  maxEvents: fc.integer({ min: 1, max: 400 }),
});

/** Reference: the pending set is a plain array, sorted by (at, priority, seq) before each pop. */
function reference(plan: Plan): Fired[] {
  interface Pending {
    at: number;
    priority: number;
    seq: number;
    id: number;
  }
  let pending: Pending[] = [];
  let seq = 0;
  let nextId = 0;
  let now = 0;
  const fired: Fired[] = [];
  const schedule = (delay: number, priority: number): void => {
    pending.push({ at: now + delay, priority, seq: seq++, id: nextId++ });
  };
  for (const e of plan.initial) schedule(e.delay, e.priority);
  while (pending.length > 0) {
    pending.sort((a, b) => a.at - b.at || a.priority - b.priority || a.seq - b.seq);
    const e = pending.shift()!;
    now = e.at;
    fired.push({ id: e.id, at: e.at, arg: argOf(e.id) });
    for (const s of plan.spawns[e.id % plan.spawns.length]!) {
      if (nextId < plan.maxEvents) schedule(s.delay, s.priority);
      if (s.cancelBack >= 0) {
        const victim = e.id - s.cancelBack - 1;
        pending = pending.filter((p) => p.id !== victim);
      }
    }
  }
  return fired;
}

function actual(plan: Plan, sim = new Simulator()): Fired[] {
  const fired: Fired[] = [];
  const tokens = new Map<number, number>(); // id -> token, while pending
  let nextId = 0;
  let kind = -1;
  const schedule = (delay: number, priority: number): void => {
    const id = nextId++;
    tokens.set(id, sim.after(delay, kind, id, argOf(id), priority));
  };
  kind = sim.register('step', (id, arg) => {
    tokens.delete(id);
    fired.push({ id, at: sim.now, arg });
    for (const s of plan.spawns[id % plan.spawns.length]!) {
      if (nextId < plan.maxEvents) schedule(s.delay, s.priority);
      if (s.cancelBack >= 0) {
        const token = tokens.get(id - s.cancelBack - 1);
        if (token !== undefined) {
          sim.cancel(token);
          tokens.delete(id - s.cancelBack - 1);
        }
      }
    }
  });
  for (const e of plan.initial) schedule(e.delay, e.priority);
  for (const until of [...plan.pauses].sort((a, b) => a - b)) {
    sim.run(until);
    expect(sim.now).toBe(until);
    expect(fired.every((f) => f.at <= until)).toBe(true);
  }
  sim.run();
  return fired;
}

describe('Simulator record reuse (property)', () => {
  it('dispatches in the same order, at the same times, with the same payloads as a sorted reference', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const expected = reference(plan);
        const got = actual(plan);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('gives the same dispatches when the queue splits its pending set between heap and far future often', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 6 }), (plan, spillAbove) => {
        const sim = new Simulator(new HeapEventQueue(2, { spillAbove, refillFraction: 1 / 3 }));
        expect(actual(plan, sim)).toEqual(reference(plan));
      }),
      { numRuns: 300, seed: 20240602 },
    );
  });

  it('handles many self-rescheduling events with interleaved pops and pushes', () => {
    // A deterministic heavy case: 2000 chains of 50 hops; the clock never goes
    // back and every chain sees its hops in order with its own payload.
    const sim = new Simulator();
    const nextHop = new Int32Array(2000);
    let last = 0;
    let count = 0;
    let bad = 0;
    const hop = sim.register('hop', (subject, arg) => {
      if (sim.now < last || arg !== nextHop[subject]) bad++;
      nextHop[subject] = arg + 1;
      last = sim.now;
      count++;
      if (arg < 49 && count < 200_000) sim.after(((subject * 7919 + arg * 104729) % 1000) / 100, hop, subject, arg + 1);
    });
    for (let s = 0; s < 2000; s++) sim.after((s % 17) / 3, hop, s, 0);
    sim.run();
    expect(bad).toBe(0);
    expect(count).toBe(2000 * 50);
    expect(Array.from(nextHop).every((n) => n === 50)).toBe(true);
    expect(sim.pending).toBe(0);
  });
});
