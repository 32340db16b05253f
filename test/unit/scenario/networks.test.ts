import { describe, expect, it } from 'vitest';
import type { Nova } from '../../../src/cloud/nova.js';
import type { SubmittedRequest } from '../../../src/lifecycle/admit.js';
import type { CreateRequest } from '../../../src/lifecycle/requests.js';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulator } from '../../../src/engine/simulator.js';
import { WorkloadGenerators } from '../../../src/workload/generator.js';
import { scriptedCalls } from '../../../src/scenario/scripted-actions.js';
import { generatedWorkloads } from '../../../src/scenario/schema.js';
import { Timeline } from '../../../src/workload/timeline.js';
import { runFiles } from '../../support/run-files.js';
import { accepted, expectOneError, lineOf, refused, scenarioText } from './load.js';

const NETWORKS = [
  'networks:',
  '  - name: private',
  '    subnets:',
  '      - { cidr: 10.0.0.0/24, allocation_pools: [ { start: 10.0.0.100, end: 10.0.0.199 } ] }',
  '      - { cidr: "fd00::/64", ip_version: 6 }',
  '  - { name: public, subnets: [ { cidr: 203.0.113.0/28 } ] }',
  'ports:',
  '  - { name: db-port, network: private, fixed_ip: 10.0.0.50 }',
].join('\n');

const create = (server: string, more: string): string => `  - { at: 0, action: create, server: ${server}, flavor: f, image: i, project: p, ${more} }`;
const withActions = (...actions: string[]): string => scenarioText([NETWORKS, 'actions:', ...actions].join('\n'));
/** The networks, one workload `w` with `more` fields, and the actions. */
const withWorkload = (more: string, ...actions: string[]): string =>
  scenarioText([NETWORKS, 'workload:', `  - { name: w, project: p, image: i, flavors: { f: 1 }, arrivals: { process: schedule, at: [1h] }${more} }`, 'actions:', ...actions].join('\n'));

describe('the networks section', () => {
  it('parses networks, ports and the NICs of creates and workloads', () => {
    const s = accepted(
      withWorkload(
        ', networks: [ { network: public } ]',
        create('db', 'networks: [ { port: db-port }, { network: public, fixed_ip: 203.0.113.9 } ], access_ip_v4: 198.51.100.7'),
        create('bare', 'networks: none, access_ip_v6: "2001:db8::7"'),
        '  - { at: 1h, action: update_server, server: db, access_ip_v4: 198.51.100.8 }',
      ),
    );
    expect(s.networks.map((n) => n.name)).toEqual(['private', 'public']);
    expect(s.ports).toEqual([{ name: 'db-port', network: 'private', fixed_ip: '10.0.0.50' }]);
    expect(s.actions[0]).toMatchObject({ networks: [{ port: 'db-port' }, { network: 'public', fixedIp: '203.0.113.9' }] });
    expect(s.actions[1]).toMatchObject({ networks: 'none' });
    expect(generatedWorkloads(s)[0]!.networks).toEqual([{ network: 'public' }]);
  });

  it('leaves a scenario without networks as it was: auto, and no addresses', () => {
    const s = accepted(scenarioText(['actions:', '  - { at: 0, action: create, server: s, flavor: f, image: i, project: p }'].join('\n')));
    expect(s.networks).toEqual([]);
    expect(s.actions[0]).not.toHaveProperty('networks');
  });
});

describe('network cross-checks, each at its line', () => {
  it('a malformed CIDR or address', () => {
    const text = scenarioText('networks: [ { name: n, subnets: [ { cidr: 10.0.0.5/24 } ] } ]');
    expectOneError(text, 'cidr', "networks[0].subnets[0].cidr: '10.0.0.5/24' has host bits set; the network is '10.0.0.0/24'");
    const bad = withActions(create('s', 'networks: [ { network: private, fixed_ip: 10.0.0.300 } ]'));
    expectOneError(bad, 'server: s', 'actions[0].networks[0].fixed_ip: expected an IPv4 or IPv6 address, got "10.0.0.300"');
    const access = withActions(create('s', 'networks: none, access_ip_v4: "fd00::1"'));
    expectOneError(access, 'server: s', 'actions[0].access_ip_v4: expected an IPv4 address, got "fd00::1"');
  });

  it('overlapping subnets of one network, a version that does not match, a pool outside or on the gateway', () => {
    const text = scenarioText(
      [
        'networks:',
        '  - name: n',
        '    subnets:',
        '      - { cidr: 10.0.0.0/16 }',
        '      - { cidr: 10.0.5.0/24, ip_version: 6 }',
        '      - { cidr: 10.1.0.0/24, allocation_pools: [ { start: 10.1.0.1, end: 10.1.0.9 } ] }',
        '      - { cidr: 10.2.0.0/24, allocation_pools: [ { start: 10.2.0.200, end: 10.2.0.255 } ] }',
      ].join('\n'),
    );
    expect(refused(text)).toEqual([
      `${lineOf(text, '10.0.5.0')}: networks[0].subnets[1].ip_version: ip_version 6 does not match cidr 10.0.5.0/24, an IPv4 prefix`,
      `${lineOf(text, '10.0.5.0')}: networks[0].subnets[1].cidr: subnet 10.0.5.0/24 overlaps subnet 10.0.0.0/16 of network 'n' (subnets of one network may not overlap)`,
      `${lineOf(text, '10.1.0.1')}: networks[0].subnets[2].allocation_pools[0]: pool 10.1.0.1-10.1.0.9 holds the gateway 10.1.0.1 (the prefix's first host address)`,
      `${lineOf(text, '10.2.0.200')}: networks[0].subnets[3].allocation_pools[0]: pool 10.2.0.200-10.2.0.255 spans beyond the usable addresses of 10.2.0.0/24 (10.2.0.1-10.2.0.254)`,
    ]);
  });

  it('unknown networks and ports, and a fixed IP outside the network or on its gateway', () => {
    const text = withActions(
      create('a', 'networks: [ { network: nope } ]'),
      create('b', 'networks: [ { port: nope } ]'),
      create('c', 'networks: [ { network: public, fixed_ip: 10.0.0.7 } ]'),
      create('d', 'networks: [ { network: public, fixed_ip: 203.0.113.1 } ]'),
    );
    expect(refused(text)).toEqual([
      `${lineOf(text, 'server: a')}: actions[0].networks[0].network: unknown network 'nope'; known: private, public`,
      `${lineOf(text, 'server: b')}: actions[1].networks[0].port: unknown port 'nope'; known: db-port`,
      `${lineOf(text, 'server: c')}: actions[2].networks[0].fixed_ip: fixed IP 10.0.0.7 is in no subnet of network 'public' (203.0.113.0/28)`,
      `${lineOf(text, 'server: d')}: actions[3].networks[0].fixed_ip: fixed IP 203.0.113.1 is the gateway of subnet 203.0.113.0/28`,
    ]);
  });

  it('auto (said or by default) when the scenario has more than one network', () => {
    const text = withWorkload('', create('s', 'networks: auto'));
    const why = 'needs exactly one network and the scenario has 2 (private, public); name the ones to attach ' +
      '(Nova: Multiple possible networks found, use a Network ID to be more specific.)';
    expect(refused(text)).toEqual([
      `${lineOf(text, 'name: w')}: workload[0]: networks defaults to auto, which ${why}`,
      `${lineOf(text, 'server: s')}: actions[0].networks: auto ${why}`,
    ]);
  });

  it('a port or fixed IP named again before its server is deleted; a workload may name neither', () => {
    const text = withWorkload(
      ', networks: [ { port: db-port }, { network: public, fixed_ip: 203.0.113.9 } ]',
      create('a', 'networks: [ { port: db-port } ]'),
      '  - { at: 1h, action: create, server: b, flavor: f, image: i, project: p, networks: [ { port: db-port } ] }',
      '  - { at: 2h, action: delete, server: a }',
      '  - { at: 3h, action: create, server: c, flavor: f, image: i, project: p, networks: [ { port: db-port } ] }',
      create('d', 'networks: [ { network: private, fixed_ip: 10.0.0.50 } ]'),
    );
    expect(refused(text)).toEqual([
      `${lineOf(text, 'name: w')}: workload[0].networks[0].port: Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.`,
      `${lineOf(text, 'name: w')}: workload[0].networks[1].fixed_ip: max_count cannot be greater than 1 if an fixed_ip is specified.`,
      `${lineOf(text, 'server: d')}: actions[4].networks[0].fixed_ip: fixed IP 10.0.0.50 is still in use by port 'db-port' (delete it first)`,
      `${lineOf(text, 'server: b')}: actions[1].networks[0].port: port db-port is still in use by server 'a' (delete it first)`,
    ]);
  });

  it('a port with a fixed_ip (the API refuses the pair), and ports that clash', () => {
    const text = scenarioText(
      [
        NETWORKS,
        '  - { name: p2, network: private, fixed_ip: 10.0.0.50 }',
        '  - { name: p3, network: nowhere }',
        'actions:',
        create('s', 'networks: [ { port: db-port, fixed_ip: 10.0.0.51 } ]'),
      ].join('\n'),
    );
    expect(refused(text)).toEqual([
      `${lineOf(text, 'server: s')}: actions[0].networks[0].fixed_ip: Specified Fixed IP '10.0.0.51' cannot be used with port 'db-port': the two cannot be specified together.`,
    ]);
    const clash = text.replace(/\n {2}- \{ at: 0.*$/, '\n  - { at: 0, action: create, server: s, flavor: f, image: i, project: p, networks: none }');
    expect(refused(clash)).toEqual([
      `${lineOf(clash, 'name: p2')}: ports[1].fixed_ip: fixed IP 10.0.0.50 is already held by port 'db-port'`,
      `${lineOf(clash, 'name: p3')}: ports[2].network: unknown network 'nowhere'; known: private, public`,
    ]);
  });

  it("'networks' and access IPs apply to create and update_server only", () => {
    const text = withActions(create('s', 'networks: none'), '  - { at: 1h, action: reboot, server: s, networks: none, access_ip_v4: 192.0.2.1 }');
    expect(refused(text)).toEqual([
      `${lineOf(text, 'action: reboot')}: actions[1].networks: 'networks' does not apply to reboot`,
      `${lineOf(text, 'action: reboot')}: actions[1].access_ip_v4: 'access_ip_v4' does not apply to reboot`,
    ]);
  });
});

describe('requests from a scenario', () => {
  it('carry networks and access addresses into creates and update_server', () => {
    const s = accepted(
      withWorkload(
        ', networks: [ { network: public } ]',
        create('db', 'networks: [ { port: db-port } ], access_ip_v4: 198.51.100.7, access_ip_v6: "2001:db8::7"'),
        '  - { at: 2h, action: update_server, server: db, access_ip_v6: "2001:db8::8" }',
      ),
    );
    const creates: CreateRequest[] = [];
    const submits: SubmittedRequest[] = [];
    const nova = { api: { create: (r: CreateRequest) => (creates.push(r), { status: 400, message: 'recorded only' }), submit: (r: SubmittedRequest) => submits.push(r) } } as unknown as Nova;
    const sim = new Simulator();
    new Timeline(sim, scriptedCalls(s.actions, nova, { drainHost: () => {} })).start();
    new WorkloadGenerators(sim, nova, generatedWorkloads(s), new RandomStreams(1)).start();
    sim.run(s.duration);

    expect(creates[0]).toMatchObject({ server: 'db', networks: [{ port: 'db-port' }], access_ip_v4: '198.51.100.7', access_ip_v6: '2001:db8::7' });
    expect(creates[1]).toMatchObject({ server: 'w-1', networks: [{ network: 'public' }] });
    expect(submits).toEqual([{ action: 'update_server', server: 'db', asAdmin: false, access_ip_v6: '2001:db8::8' }]);
  });

  it('servers.csv shows the addresses and access addresses', async () => {
    const s = accepted(
      withActions(
        create('db', 'networks: [ { network: private }, { port: db-port } ], access_ip_v4: 198.51.100.7'),
        '  - { at: 1h, action: update_server, server: db, access_ip_v6: "2001:DB8::8" }',
      ),
    );
    const csv = (await runFiles(s))['servers.csv']!;
    const [header, row] = csv.trim().split('\n').map((l) => l.split(','));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect([cell('addresses'), cell('access_ip_v4'), cell('access_ip_v6')]).toEqual([
      'private=10.0.0.100;fd00::2;10.0.0.50', '198.51.100.7', '2001:db8::8',
    ]);
  });
});
