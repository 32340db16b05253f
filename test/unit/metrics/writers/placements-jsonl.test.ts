import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlacementFact } from '../../../../src/cloud/facts.js';
import { PlacementLog, placementLineWriter, placementRecord } from '../../../../src/metrics/writers/placements-jsonl.js';
import { memorySink } from '../../../../src/metrics/writers/text-sink.js';
import type { HostId } from '../../../../src/model/ids.js';
import { NO_VALID_HOST, type PlacementDecision } from '../../../../src/model/placement-decision.js';
import { factBus, namedInventory } from '../fixtures.js';

const { inventory, hosts, servers } = namedInventory(['compute-0', 'compute-1', 'compute-2'], ['web-1']);
const c1 = hosts[1]!.id;
const vm = servers[0]!.id;

const decision: PlacementDecision = {
  policy: 'filter_scheduler',
  hosts: 3,
  filters: [
    { filter: 'Placement', before: 3, after: 3 },
    { filter: 'ComputeFilter', before: 3, after: 2 },
  ],
  top: [
    { host: 1 as HostId, weight: 1.23456789, parts: { RAMWeigher: 1, CPUWeigher: 0.23456789 } },
    { host: 2 as HostId, weight: 1 / 3, parts: { RAMWeigher: 1 / 3, CPUWeigher: 0 } },
  ],
  chosen: 1 as HostId,
  alternates: [2 as HostId],
};

describe('PlacementLog', () => {
  it('writes one JSON line per placement, keys in a fixed order, numbers rounded', () => {
    const sink = memorySink();
    const facts = factBus();
    const log = new PlacementLog(facts, sink, inventory);

    facts.emit({ type: 'placement', time: 12.3456, server: vm, host: c1, reason: '', purpose: 'create', decision });
    log.flush();

    expect(sink.text()).toBe(
      '{"time":12.346,"server":"web-1","purpose":"create","outcome":"placed","host":"compute-1","reason":"",' +
        '"policy":"filter_scheduler","hosts":3,' +
        '"filters":[{"filter":"Placement","before":3,"after":3},{"filter":"ComputeFilter","before":3,"after":2}],' +
        '"top":[{"host":"compute-1","weight":1.234568,"parts":{"RAMWeigher":1,"CPUWeigher":0.234568}},' +
        '{"host":"compute-2","weight":0.333333,"parts":{"RAMWeigher":0.333333,"CPUWeigher":0}}],' +
        '"alternates":["compute-2"]}\n',
    );
  });

  it('writes NoValidHost, a reschedule without a decision, and build failures', () => {
    const sink = memorySink();
    const facts = factBus();
    const log = new PlacementLog(facts, sink, inventory);
    const failed: PlacementDecision = {
      ...decision,
      filters: [{ filter: 'Placement', before: 3, after: 0 }],
      top: [],
      chosen: null,
      alternates: [],
    };

    facts.emit({ type: 'placement', time: 1, server: vm, host: null, reason: NO_VALID_HOST, purpose: 'migrate', decision: failed });
    facts.emit({ type: 'build_failure', time: 2, server: vm, host: c1, rescheduled: true });
    facts.emit({ type: 'placement', time: 2, server: vm, host: c1, reason: '', purpose: 'reschedule', decision: null });
    facts.emit({ type: 'build_failure', time: 3, server: vm, host: c1, rescheduled: false });
    log.flush();

    expect(sink.text().split('\n')).toEqual([
      '{"time":1,"server":"web-1","purpose":"migrate","outcome":"no_valid_host","host":null,' +
        `"reason":"${NO_VALID_HOST}","policy":"filter_scheduler","hosts":3,` +
        '"filters":[{"filter":"Placement","before":3,"after":0}],"top":[],"alternates":[]}',
      '{"time":2,"server":"web-1","purpose":"build_failed","host":"compute-1","rescheduled":true}',
      '{"time":2,"server":"web-1","purpose":"reschedule","outcome":"placed","host":"compute-1","reason":"",' +
        '"policy":null,"hosts":null,"filters":[],"top":[],"alternates":[]}',
      '{"time":3,"server":"web-1","purpose":"build_failed","host":"compute-1","rescheduled":false}',
      '',
    ]);
  });

  it("adds viable to Placement's filter entry only when max_placement_results cut it", () => {
    const sink = memorySink();
    const facts = factBus();
    const log = new PlacementLog(facts, sink, inventory);
    const limited: PlacementDecision = { ...decision, filters: [{ filter: 'Placement', before: 3, after: 1, viable: 2 }, ...decision.filters.slice(1)] };

    facts.emit({ type: 'placement', time: 1, server: vm, host: c1, reason: '', purpose: 'create', decision: limited });
    log.flush();

    expect(sink.text()).toContain('"filters":[{"filter":"Placement","before":3,"after":1,"viable":2},{"filter":"ComputeFilter","before":3,"after":2}]');
  });

  it('writes in batches and gives the same bytes for the same facts', () => {
    const run = (): { text: string; writes: number } => {
      let writes = 0;
      const sink = memorySink();
      const facts = factBus();
      const log = new PlacementLog(facts, { write: (t) => (writes++, sink.write(t)) }, inventory, 2);
      for (let i = 0; i < 5; i++) facts.emit({ type: 'placement', time: i / 3, server: vm, host: c1, reason: '', purpose: 'create', decision });
      log.flush();
      log.flush();
      return { text: sink.text(), writes };
    };

    const a = run();

    expect(a.writes).toBe(3);
    expect(a.text.split('\n')).toHaveLength(6);
    expect(run().text).toBe(a.text);
  });
});

describe('placementLineWriter', () => {
  const name = fc.string({ maxLength: 12 });
  const count = fc.oneof(fc.nat(100_000), fc.constant(-0), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
  const weight = fc.oneof(fc.double(), fc.constant(-0), fc.constant(1e-7), fc.constant(-1e21));
  const host = fc.integer({ min: 0, max: 2 }).map((id) => id as HostId);
  const decisionOf = fc.record({
    policy: name,
    hosts: count,
    filters: fc.array(fc.record({ filter: name, before: count, after: count, viable: fc.option(count, { nil: undefined }) }, { requiredKeys: ['filter', 'before', 'after'] }), { maxLength: 4 }),
    top: fc.array(fc.record({ host, weight, parts: fc.dictionary(name, weight, { maxKeys: 4 }) }), { maxLength: 3 }),
    chosen: fc.constant(null),
    alternates: fc.array(host, { maxLength: 3 }),
  });
  const factOf = fc.record({
    type: fc.constant('placement' as const),
    time: weight,
    server: fc.constant(vm),
    host: fc.option(host, { nil: null }),
    reason: name,
    purpose: fc.constantFrom('create', 'migrate', 'reschedule', 'evacuate') as fc.Arbitrary<PlacementFact['purpose']>,
    decision: fc.option(decisionOf, { nil: null }),
  });

  it('writes the bytes JSON.stringify writes for the placement record, whatever the fact', () => {
    const hostName = (id: HostId): string => inventory.host(id).name;
    const line = placementLineWriter(hostName);

    fc.assert(
      fc.property(factOf, name, (fact, server) => {
        expect(line(fact as PlacementFact, server)).toBe(`${JSON.stringify(placementRecord(fact as PlacementFact, server, hostName))}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a weigher share named __proto__ as a share, as JSON.stringify of the record does (found by the property above)', () => {
    const hostName = (id: HostId): string => inventory.host(id).name;
    const parts = JSON.parse('{"__proto__":0.25}') as Record<string, number>;
    const fact = {
      type: 'placement', time: 0, server: 0, host: null, reason: '', purpose: 'create',
      decision: { policy: '', hosts: 0, filters: [], top: [{ host: 0, weight: 0, parts }], chosen: null, alternates: [] },
    } as unknown as PlacementFact;

    const written = placementLineWriter(hostName)(fact, 'web-1');

    expect(written).toContain('"parts":{"__proto__":0.25}');
    expect(written).toBe(`${JSON.stringify(placementRecord(fact, 'web-1', hostName))}\n`);
  });
});
