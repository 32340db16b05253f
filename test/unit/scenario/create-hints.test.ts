import { describe, expect, it } from 'vitest';
import type { Nova } from '../../../src/cloud/nova.js';
import type { Refusal } from '../../../src/lifecycle/refusal.js';
import type { CreateRequest } from '../../../src/lifecycle/requests.js';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulator } from '../../../src/engine/simulator.js';
import { WorkloadGenerators } from '../../../src/workload/generator.js';
import { scriptedCalls } from '../../../src/scenario/scripted-actions.js';
import { Timeline } from '../../../src/workload/timeline.js';
import { accepted, scenarioText } from './load.js';

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
  new WorkloadGenerators(sim, nova, scenario.workload, new RandomStreams(1)).start();
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
