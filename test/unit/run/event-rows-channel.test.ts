/**
 * events.csv written on another thread's side of a channel (a large run's
 * worker sends its rows, src/run/event-rows-channel.ts) against the same
 * log formatted in place: the region at a hundredth (host and rack
 * failures, evacuations, refusals, operator steps), and hostile names and
 * reasons (commas, quotes, line breaks, lone surrogates, texts longer than a
 * buffer), give the same bytes. Small buffers make records cross many of them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { regionOverrides } from '../../../bench/region.js';
import { csvEventLog, EventLog, StateWords } from '../../../src/metrics/writers/events-csv.js';
import type { Flushable } from '../../../src/metrics/writers/output-file.js';
import { memorySink } from '../../../src/metrics/writers/text-sink.js';
import { EventRowsSender, EventRowsWriter } from '../../../src/run/event-rows-channel.js';
import { buildSimulation } from '../../../src/scenario/build.js';
import { parseOverride, type Override } from '../../../src/scenario/overrides.js';
import { loadScenario } from '../../../src/scenario/validate.js';
import { factBus, hostFact, namedInventory, refusedFact, serverFact } from '../metrics/fixtures.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A channel whose far side writes events.csv into a fresh folder; `sender` makes the log's rows go into it. */
function channel(chunkBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'novasim-rows-'));
  dirs.push(dir);
  const { port1, port2 } = new MessageChannel();
  new EventRowsWriter(port1, dir, 7);
  return { file: join(dir, 'events.csv'), port: port2, chunkBytes };
}

describe('events.csv rows sent over a channel', () => {
  it('writes the bytes the log formats in place, for the region at a hundredth', async () => {
    const overrides = regionOverrides(0.01).map((text) => parseOverride(text) as Override);
    const loaded = loadScenario('scenarios/region.yaml', readFileSync('scenarios/region.yaml', 'utf8'), overrides);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const inPlace = memorySink();
    const far = channel(4096);
    const writers: Flushable[] = [];
    let sender: EventRowsSender | undefined;
    const simulation = buildSimulation(loaded.scenario, {
      listen: (run) => {
        writers.push(csvEventLog(run.facts, inPlace, run.inventory));
        const states = new StateWords();
        sender = new EventRowsSender(far.port, run.inventory, states, far.chunkBytes);
        writers.push(new EventLog(run.facts, sender, run.inventory, states));
      },
    });
    while (!simulation.advance(50_000));
    simulation.finish();
    for (const writer of writers) writer.flush();
    await sender!.close();

    const text = inPlace.text();
    expect(text.split('\n').length).toBeGreaterThan(50_000);
    expect(text).toMatch(/,fail_host,|,evacuate,/);
    expect(readFileSync(far.file).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('keeps hostile names and reasons, and texts longer than a buffer, as the log writes them', async () => {
    const names = ['web,1', 'say "hi"', 'line\nbreak', 'lone \ud800 surrogate', 'x'.repeat(5000)];
    const { inventory, hosts, servers } = namedInventory(['compute,0', 'compute "1"'], names);
    const facts = factBus();
    const inPlace = memorySink();
    const far = channel(256);
    const direct = csvEventLog(facts, inPlace, inventory);
    const states = new StateWords();
    const sender = new EventRowsSender(far.port, inventory, states, far.chunkBytes);
    const sent = new EventLog(facts, sender, inventory, states);
    servers.forEach((server, i) => {
      server.host = hosts[i % 2]!.id;
      facts.emit(serverFact(i + 0.125, server, 'create', 'accepted', {}, { reason: names[(i + 1) % names.length]! }));
      facts.emit(serverFact(i + 0.5, server, 'stop', 'rejected', {}, { reason: `Cannot 'stop' ${'y'.repeat(300 * i)}`, httpStatus: 409 }));
    });
    // The channel does not take a server's name as fixed: a changed name is sent again.
    (servers[0] as { name: string }).name = 'renamed';
    facts.emit(serverFact(9, servers[0]!, 'reboot', 'accepted'));
    facts.emit(refusedFact(10, 'ghost,"x"', 'reboot', 'Instance ghost could not be found.'));
    facts.emit(hostFact(11, hosts[1]!, 'fail_host', 'accepted', 'down, "hard"'));
    direct.flush();
    sent.flush();
    await sender.close();

    expect(inPlace.text()).toContain('"web,1"');
    // Compared as the bytes a file gets (a lone surrogate is written as U+FFFD either way).
    expect(readFileSync(far.file).equals(Buffer.from(inPlace.text(), 'utf8'))).toBe(true);
  });
});
