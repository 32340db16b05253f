import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/simulator.js';
import { ReadingsFeed } from '../../../src/workload/demand/readings-feed.js';
import { StreamedTimeline } from '../../../src/workload/streamed-timeline.js';
import type { CpuReading } from '../../../src/workload/traces/azure-vmtable.js';
import type { Scripted } from '../../../src/workload/timeline.js';

describe('StreamedTimeline', () => {
  it('plays calls at their times in order, reading each only when the one before it plays', () => {
    const sim = new Simulator();
    const played: string[] = [];
    let read = 0;
    function* calls(): Generator<Scripted> {
      for (const [at, name] of [[0, 'a'], [30, 'b'], [30, 'c'], [90, 'd']] as const) {
        read++;
        yield { at, play: () => played.push(`${sim.now}:${name}:${read}`) };
      }
    }
    new StreamedTimeline(sim, calls()).start();

    expect(read).toBe(1);
    sim.run();
    // When a call plays, the next one has just been read (and no further).
    expect(played).toEqual(['0:a:2', '30:b:3', '30:c:4', '90:d:4']);
  });

  it('refuses a call earlier than the one before it', () => {
    const sim = new Simulator();
    const calls = [{ at: 60, play: () => {} }, { at: 10, play: () => {} }][Symbol.iterator]();
    new StreamedTimeline(sim, calls).start();

    expect(() => sim.run()).toThrow('a streamed call at 10 s comes after one at 60 s');
  });
});

describe('ReadingsFeed', () => {
  const reading = (time: number, vmId: string, avg: number): CpuReading => ({ line: 0, time, vmId, min: 0, max: 100, avg });

  it("gives each server its own samples, linear in between, holding the nearest outside them", () => {
    const stream = [reading(0, 'a', 10), reading(0, 'b', 50), reading(300, 'a', 30), reading(300, 'b', 50), reading(600, 'a', 20)];
    let consumed = 0;
    const feed = new ReadingsFeed(
      (function* () {
        for (const r of stream) {
          consumed++;
          yield r;
        }
      })(),
      300,
    );
    const a = feed.demandOf('a');
    const b = feed.demandOf('b');

    expect(a.at(0)).toBe(0.1);
    // Reading at 0 consumed the stream up to 300 s (and peeked one past it), not the rest.
    expect(consumed).toBe(5);
    expect(a.at(150)).toBeCloseTo(0.2, 15);
    expect(b.at(150)).toBe(0.5);
    expect(a.at(450)).toBeCloseTo(0.25, 15);
    expect(a.at(900)).toBe(0.2);
  });

  it('lets a server created late find samples read before it was asked for', () => {
    const stream = [reading(0, 'a', 10), reading(300, 'a', 10), reading(300, 'late', 40), reading(600, 'late', 60), reading(900, 'a', 10)];
    const feed = new ReadingsFeed(stream[Symbol.iterator](), 300);
    const a = feed.demandOf('a');

    expect(a.at(300)).toBe(0.1);
    const late = feed.demandOf('late');
    expect(late.at(300)).toBe(0.4);
    expect(late.at(450)).toBeCloseTo(0.5, 15);
  });

  it('drops readings of servers nobody asked for once two horizons old', () => {
    const stream = [reading(0, 'old', 20), reading(300, 'a', 10), reading(600, 'a', 10), reading(900, 'a', 10), reading(1200, 'a', 10)];
    const feed = new ReadingsFeed(stream[Symbol.iterator](), 300);

    feed.demandOf('a').at(900);
    expect(feed.demandOf('old').at(900)).toBe(0);
  });

  it('asks for nothing from a server with no reading at all', () => {
    const feed = new ReadingsFeed([reading(0, 'a', 10)][Symbol.iterator](), 300);

    expect(feed.demandOf('ghost').at(100)).toBe(0);
  });
});
