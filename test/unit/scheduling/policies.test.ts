import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import type { HostId } from '../../../src/model/ids.js';
import { Inventory } from '../../../src/model/inventory.js';
import { POLICY_NAMES, SCHEDULER_DEFAULTS } from '../../../src/scheduling/config.js';
import { POLICIES } from '../../../src/scheduling/policies/index.js';
import { isIndexed, type IndexedPolicy, type ListPolicy } from '../../../src/scheduling/policy.js';
import { makeScheduler } from '../../../src/scheduling/registry.js';
import { PolicyError } from '../../../src/scheduling/scheduler.js';
import { addHosts, placeOn, request } from '../../support/placement-cloud.js';

/** Four 8 vCPU / 16 GiB / 200 GB hosts; host-0 holds one server, host-2 is disabled. */
function fourHosts() {
  const inventory = new Inventory();
  const hosts = addHosts(inventory, [0, 1, 2, 3].map(() => ({ vcpus: 8, ramMb: 16384, diskGb: 200 })));
  const flavor = inventory.addFlavor({ name: 'unit', vcpus: 2, ramMb: 4096, diskGb: 50 });
  const project = inventory.addProject('p').id;
  placeOn(inventory, hosts[0]!.id, flavor, project);
  hosts[2]!.enabled = false;
  return { inventory, flavor, project };
}

const withPlugin = (inventory: Inventory, plugin: ListPolicy) => makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'plugin' }, inventory, { plugin });

describe('placement policies', () => {
  it('registers every built-in policy under its scenario name, each able to use the host index', () => {
    const { inventory } = fourHosts();

    const made = POLICY_NAMES.map((name) => POLICIES[name](SCHEDULER_DEFAULTS, inventory));

    expect(made.map((p) => [p.name, isIndexed(p)])).toEqual(POLICY_NAMES.map((name) => [name, true]));
  });

  it('hands a plug-in the filtered candidates in host order, and takes its choice without alternates', () => {
    const { inventory, flavor, project } = fourHosts();
    let seen: number[] = [];
    const last: ListPolicy = {
      name: 'last',
      select: (_request, candidates) => {
        seen = candidates.map((h) => h.id);
        return candidates.at(-1) ?? null;
      },
    };

    const decision = withPlugin(inventory, last).select(request(flavor, project, { alternates: 2 }), 0, makeRng('t'));

    expect(seen).toEqual([0, 1, 3]);
    expect(decision).toMatchObject({ policy: 'last', chosen: 3, alternates: [], top: [] });
  });

  it('chooses the same host through a plug-in as through the built-in policy of the same rule', () => {
    const { inventory, flavor, project } = fourHosts();
    const firstFit: ListPolicy = { name: 'first', select: (_request, candidates) => candidates[0] ?? null };
    const req = request(flavor, project);

    const plugin = withPlugin(inventory, firstFit).select(req, 0, makeRng('t'));
    const builtIn = makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'first_fit' }, inventory).select(req, 0, makeRng('t'));

    expect([plugin.chosen, plugin.filters]).toEqual([builtIn.chosen, builtIn.filters]);
  });

  it('stops the run when a plug-in of either form picks a host that did not pass the filters', () => {
    const { inventory, flavor, project } = fourHosts();
    const listed: ListPolicy = { name: 'rogue', select: () => inventory.hosts[2]! };
    const indexed: IndexedPolicy = { name: 'rogue', choose: () => ({ chosen: 2 as HostId, alternates: [], top: [] }) };

    for (const plugin of [listed, indexed]) {
      const scheduler = makeScheduler({ ...SCHEDULER_DEFAULTS, policy: 'plugin' }, inventory, { plugin });
      expect(() => scheduler.select(request(flavor, project), 0, makeRng('t'))).toThrow(PolicyError);
    }
  });
});
