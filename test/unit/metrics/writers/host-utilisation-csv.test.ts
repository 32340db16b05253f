import { describe, expect, it } from 'vitest';
import { HostUtilisation, hostRows, MAX_ROWS } from '../../../../src/metrics/writers/host-utilisation-csv.js';
import { memorySink } from '../../../../src/metrics/writers/text-sink.js';
import { makeHost } from '../../../../src/model/host.js';
import type { HostId } from '../../../../src/model/ids.js';
import { hostFact, inventoryFacts } from '../fixtures.js';
import { smallCloud } from '../inventory-fixture.js';

const hostsNamed = (names: readonly string[], rack?: (i: number) => string) =>
  names.map((name, i) =>
    makeHost(i as HostId, name, { vcpus: 8, ramMb: 16384, diskGb: 200 }, { vcpus: 0, ramMb: 0, diskGb: 0 }, { vcpus: 1, ramMb: 1, diskGb: 1 }, {
      aggregates: [],
      buildFailureProbability: 0,
      ...(rack === undefined ? {} : { failureDomain: rack(i) }),
    }),
  );
const numbered = (n: number): string[] => Array.from({ length: n }, (_, i) => `c-${String(i + 1).padStart(3, '0')}`);

describe('hostRows', () => {
  it('gives each host its own row, by rack then name, while there are few', () => {
    const hosts = hostsNamed(['b-2', 'a-1', 'b-1'], (i) => (i === 1 ? 'rack-a' : 'rack-b'));

    expect(hostRows(hosts)).toEqual([
      { label: 'a-1', hosts: [1] },
      { label: 'b-1', hosts: [2] },
      { label: 'b-2', hosts: [0] },
    ]);
  });

  it('groups many hosts by rack, and bands them when there is no grouping to use', () => {
    const racked = hostRows(hostsNamed(numbered(100), (i) => `rack-${Math.floor(i / 25)}`));
    const bands = hostRows(hostsNamed(numbered(100)));

    expect(racked.map((r) => [r.label, r.hosts.length])).toEqual([['rack-0', 25], ['rack-1', 25], ['rack-2', 25], ['rack-3', 25]]);
    expect(bands.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(bands[0]).toEqual({ label: 'c-001..c-003', hosts: [0, 1, 2] });
    expect(bands.flatMap((r) => r.hosts)).toEqual([...Array(100).keys()]);
  });
});

describe('host-utilisation.csv', () => {
  it("writes each row's claims, capacity and hosts down at each sample, moved by each host's changes", () => {
    const { inventory } = smallCloud(); // web-1 (2 / 4096 / 40) on compute-0; capacity 16 / 16384 / 200 each
    const facts = inventoryFacts(inventory);
    const sink = memorySink();
    const writer = new HostUtilisation(facts, sink, inventory.hosts);
    const h1 = inventory.hosts[1]!;

    facts.emit({ type: 'sample', time: 0 });
    inventory.claim(h1.id, { vcpus: 4, ramMb: 8192, diskGb: 80 });
    h1.alive = false;
    inventory.hostChanged(h1);
    facts.emit(hostFact(60, h1, 'fail_host', 'accepted'));
    facts.emit({ type: 'sample', time: 60 });
    writer.flush();

    expect(sink.text()).toBe(
      [
        'time,row,hosts,hosts_down,used_vcpus,vcpus,used_ram_mb,ram_mb,used_disk_gb,disk_gb',
        '0,compute-0,1,0,2,16,4096,16384,40,200',
        '0,compute-1,1,0,0,16,0,16384,0,200',
        '60,compute-0,1,0,2,16,4096,16384,40,200',
        '60,compute-1,1,1,4,16,8192,16384,80,200',
        '',
      ].join('\n'),
    );
  });
});
