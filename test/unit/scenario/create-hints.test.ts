import { describe, expect, it } from 'vitest';
import type { Nova } from '../../../src/cloud/nova.js';
import type { Refusal } from '../../../src/lifecycle/refusal.js';
import type { CreateRequest } from '../../../src/lifecycle/requests.js';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulator } from '../../../src/engine/simulator.js';
import { WorkloadGenerators } from '../../../src/workload/generator.js';
import { scriptedCalls } from '../../../src/scenario/scripted-actions.js';
import { generatedWorkloads } from '../../../src/scenario/schema.js';
import { Timeline } from '../../../src/workload/timeline.js';
import { accepted, expectOneError, scenarioText } from './load.js';

const SCENARIO = scenarioText(
  [
    'aggregates: [ { name: a, availability_zone: az1 } ]',
    'server_groups: [ { name: web, policy: anti-affinity, project: p } ]',
    'workload:',
    '  - { name: w, project: p, image: i, flavors: { f: 1 }, arrivals: { process: schedule, at: [1h] }, group: web, availability_zone: az1 }',
    '  - { name: v, project: q, image: i, flavors: { f: 1 }, arrivals: { process: schedule, at: [2h] } }',
    'actions:',
    '  - { at: 0, action: create, server: s1, flavor: f, image: i, project: p, group: web, availability_zone: az1 }',
    '  - { at: 0, action: create, server: s2, flavor: f, image: i, project: q }',
  ].join('\n'),
  'hosts: [ { name: h, vcpus: 4, ram_mb: 8192, disk_gb: 100, aggregates: [a] } ]',
);

/** Runs the scenario's timeline and workload against a Nova that only records create requests. */
function creates(): CreateRequest[] {
  const scenario = accepted(SCENARIO);
  const requests: CreateRequest[] = [];
  const create = (r: CreateRequest): Refusal => {
    requests.push(r);
    return { status: 400, message: 'recorded only' }; // refused: nothing else follows
  };
  const nova = { api: { create } } as unknown as Nova;
  const sim = new Simulator();
  new Timeline(sim, scriptedCalls(scenario.actions, nova, { drainHost: () => {} })).start();
  new WorkloadGenerators(sim, nova, generatedWorkloads(scenario), new RandomStreams(1)).start();
  sim.run(scenario.duration);
  return requests;
}

describe('create requests from a scenario', () => {
  it('carry the group and zone of a create action, and leave them out when absent', () => {
    const [s1, s2] = creates();

    expect(s1).toMatchObject({ server: 's1', group: 'web', availability_zone: 'az1' });
    expect(s2).not.toHaveProperty('group');
    expect(s2).not.toHaveProperty('availability_zone');
  });

  it("carry a workload's group and zone into every server it creates", () => {
    const [, , w1, v1] = creates();

    expect(w1).toMatchObject({ server: 'w-1', project: 'p', group: 'web', availability_zone: 'az1' });
    expect(v1).toMatchObject({ server: 'v-1', project: 'q' });
    expect(v1).not.toHaveProperty('group');
    expect(v1).not.toHaveProperty('availability_zone');
  });
});

describe('a forced host (zone:host) in the file', () => {
  const create = (zone: string): string => `actions:\n  - { at: 0, action: create, server: s, flavor: f, image: i, project: p, as: admin, availability_zone: "${zone}" }`;

  it('is taken on a create, naming a host of the scenario', () => {
    expect(accepted(scenarioText(create('nova:h'))).actions[0]).toMatchObject({ availability_zone: 'nova:h' });
  });

  it('is refused when the host is unknown, or the text cannot be parsed', () => {
    expectOneError(scenarioText(create('nova:x')), 'availability_zone', "actions[0].availability_zone: unknown host 'x'; known: h");
    expectOneError(scenarioText(create('a:b:c:d')), 'availability_zone', 'actions[0].availability_zone: Invalid input received: Unable to parse availability_zone (expected a zone, or zone:host to force a host)');
  });

  it('is refused in a workload, whose servers members create', () => {
    const workload = 'workload:\n  - { name: w, project: p, image: i, flavors: { f: 1 }, arrivals: { process: schedule, at: [1h] }, availability_zone: "nova:h" }';
    expectOneError(scenarioText(workload), 'availability_zone', 'workload[0].availability_zone: a workload cannot force a host (zone:host): its servers are created by project members, and forcing a host is admin-only');
  });

  it("keeps ':' out of a zone's own name, as Nova does", () => {
    expectOneError(scenarioText('aggregates: [ { name: a, availability_zone: "az:1" } ]'), 'availability_zone', `aggregates[0].availability_zone: expected a zone name of letters, digits and . _ @ - (no ':': Nova keeps it for zone:host), got "az:1"`);
  });
});
