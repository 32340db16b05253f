import { describe, expect, it } from 'vitest';
import { inventoryFacts } from '../fixtures.js';
import { Headroom } from '../../../../src/metrics/figures/headroom.js';
import { freeOf, makeHost, serviceUp, type Host } from '../../../../src/model/host.js';
import { Inventory } from '../../../../src/model/inventory.js';
import { RESOURCE_CLASSES, type Resources } from '../../../../src/model/resources.js';

/**
 * Four hosts of 16 vCPU / 16384 MB / 200 GB, two flavors:
 * small 1 / 2048 / 20 and large 4 / 8192 / 80.
 *   h0 empty:                    small min(16, 8, 10) = 8, large min(4, 2, 2) = 2
 *   h1 free 2 / 2048 / 100:      small min(2, 1, 5) = 1,  large 0
 *   h2 free 1 / 1024 / 10:       small 0, large 0: all of its free capacity is stranded
 *   h3 empty but disabled:       counts nowhere
 */
function cloud() {
  const inventory = new Inventory();
  for (const name of ['h0', 'h1', 'h2', 'h3']) {
    inventory.addHost((id) =>
      makeHost(id, name, { vcpus: 8, ramMb: 16384, diskGb: 200 }, { vcpus: 0, ramMb: 0, diskGb: 0 }, { vcpus: 2, ramMb: 1, diskGb: 1 }),
    );
  }
  inventory.addFlavor({ name: 'small', vcpus: 1, ramMb: 2048, diskGb: 20 });
  inventory.addFlavor({ name: 'large', vcpus: 4, ramMb: 8192, diskGb: 80 });
  inventory.claim(inventory.hosts[1]!.id, { vcpus: 14, ramMb: 14336, diskGb: 100 });
  inventory.claim(inventory.hosts[2]!.id, { vcpus: 15, ramMb: 15360, diskGb: 190 });
  inventory.hosts[3]!.enabled = false;
  const clock = { now: 0 };
  const headroom = new Headroom(inventoryFacts(inventory, clock), inventory.hosts, [...inventory.flavors.values()]);
  return { inventory, headroom, clock, h: inventory.hosts };
}

const counts = (headroom: Headroom): number[] => headroom.flavors.map((_, f) => headroom.headroomOf(f));

describe('Headroom', () => {
  it('sums per-host fits over enabled, up hosts', () => {
    const { headroom } = cloud();

    expect(headroom.flavors).toEqual(['small', 'large']);
    expect(counts(headroom)).toEqual([9, 2]);
  });

  it('strands the free capacity of a host too full for any flavor, as a share of usable free capacity', () => {
    const { headroom, h } = cloud();

    expect(headroom.stranded()).toEqual({ vcpus: 1, ramMb: 1024, diskGb: 10 });
    expect(headroom.free()).toEqual({ vcpus: 16 + 2 + 1, ramMb: 16384 + 2048 + 1024, diskGb: 200 + 100 + 10 });
    expect(headroom.strandedOn(h[2]!.id)).toEqual({ vcpus: 1, ramMb: 1024, diskGb: 10 });
    expect(headroom.strandedOn(h[1]!.id)).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
    expect(headroom.strandedOn(h[3]!.id)).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
  });

  it('follows claims and releases by difference', () => {
    const { inventory, headroom, h } = cloud();

    inventory.release(h[2]!.id, { vcpus: 1, ramMb: 1024, diskGb: 10 }); // h2 now fits one small
    expect(counts(headroom)).toEqual([10, 2]);
    expect(headroom.stranded()).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });

    inventory.claim(h[0]!.id, { vcpus: 4, ramMb: 8192, diskGb: 80 }); // h0: small min(12, 4, 6) = 4, large 1
    expect(counts(headroom)).toEqual([6, 1]);
  });

  it('drops a host that is disabled and takes it back when enabled', () => {
    const { inventory, headroom, h } = cloud();

    h[0]!.enabled = false;
    inventory.hostChanged(h[0]!);
    expect(counts(headroom)).toEqual([1, 0]);
    expect(headroom.free().vcpus).toBe(3);

    h[3]!.enabled = true;
    inventory.hostChanged(h[3]!);
    expect(counts(headroom)).toEqual([9, 2]);
  });

  it('drops a host whose service is down at the time of the change', () => {
    const { inventory, headroom, clock, h } = cloud();

    h[2]!.downSince = 60;
    clock.now = 60;
    inventory.hostChanged(h[2]!);

    expect(headroom.stranded()).toEqual({ vcpus: 0, ramMb: 0, diskGb: 0 });
    expect(counts(headroom)).toEqual([9, 2]);
  });

  it('stays equal to a full recount after every change of a long run', () => {
    const { inventory, headroom, clock, h } = cloud();
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const held: { host: Host; need: Resources }[] = [];

    for (let step = 0; step < 500; step++) {
      const host = h[next(h.length)]!;
      const op = next(4);
      if (op === 0) {
        const need = { vcpus: 1 + next(4), ramMb: 512 * (1 + next(8)), diskGb: 10 * next(5) };
        inventory.claim(host.id, need);
        held.push({ host, need });
      } else if (op === 1 && held.length > 0) {
        const { host: from, need } = held.splice(next(held.length), 1)[0]!;
        inventory.release(from.id, need);
      } else if (op === 2) {
        host.enabled = !host.enabled;
        inventory.hostChanged(host);
      } else {
        clock.now = step;
        host.downSince = host.downSince === Number.POSITIVE_INFINITY ? step : Number.POSITIVE_INFINITY;
        inventory.hostChanged(host);
      }
      expect(counts(headroom), `step ${step}`).toEqual(recount(h, clock.now));
      expect(headroom.stranded(), `step ${step}`).toEqual(recountStranded(h, clock.now));
    }
  });
});

const NEEDS = [
  { vcpus: 1, ramMb: 2048, diskGb: 20 },
  { vcpus: 4, ramMb: 8192, diskGb: 80 },
];

const fitsOn = (x: Host, need: Resources): number =>
  Math.max(0, Math.min(...RESOURCE_CLASSES.map((c) => Math.floor(freeOf(x, c) / need[c]))));

const usable = (hosts: readonly Host[], now: number): Host[] => hosts.filter((x) => x.enabled && serviceUp(x, now));

function recount(hosts: readonly Host[], now: number): number[] {
  return NEEDS.map((need) => usable(hosts, now).reduce((sum, x) => sum + fitsOn(x, need), 0));
}

function recountStranded(hosts: readonly Host[], now: number): Resources {
  const stranded = { vcpus: 0, ramMb: 0, diskGb: 0 };
  for (const x of usable(hosts, now).filter((y) => NEEDS.every((need) => fitsOn(y, need) === 0))) {
    for (const c of RESOURCE_CLASSES) stranded[c] += Math.max(0, freeOf(x, c));
  }
  return stranded;
}
