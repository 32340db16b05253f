import { describe, expect, it } from 'vitest';
import type { Server } from '../../../src/model/server.js';
import { LARGE, tinyCloud, TinyCloud, type TinyCloudOptions } from '../../support/tiny-cloud.js';

const PRIVATE = { name: 'private', subnets: [{ cidr: '10.0.0.0/24' }, { cidr: 'fd00::/64' }] };
const PUBLIC = { name: 'public', subnets: [{ cidr: '203.0.113.0/29' }] };
const PORTS = [{ name: 'db-port', network: 'private', fixedIp: '10.0.0.50' }];

const cloud = (options: TinyCloudOptions = {}): TinyCloud => tinyCloud({ networks: [PRIVATE, PUBLIC], ports: PORTS, ...options });
const addrs = (server: Server): string[] => server.addresses.map((a) => `${a.network}=${a.addr}`);
/** The refusal of a create (its only row). */
const refusalOf = (c: TinyCloud, name: string, opts: Parameters<TinyCloud['request']>[1]): string => {
  expect(c.request(name, opts)).toBeNull();
  return c.rows.at(-1)!.reason;
};

describe('addresses at create', () => {
  it('with no networks in the cloud, auto gives no addresses (as before networks existed)', () => {
    const c = tinyCloud();
    expect(c.create('vm').addresses).toEqual([]);
  });

  it('auto attaches the only network; addresses appear at the networking step', () => {
    const c = tinyCloud({ networks: [PRIVATE] });
    const server = c.request('vm')!;
    c.runUntil(() => server.taskState === 'networking');
    expect(server.addresses).toEqual(
      [{ network: 'private', version: 4, addr: '10.0.0.2' }, { network: 'private', version: 6, addr: 'fd00::2' }],
    );
    c.settle(server);
    expect(server.vmState).toBe('active');
  });

  it('none attaches nothing; a list gives one NIC per item, in order', () => {
    const c = cloud();
    expect(c.create('bare', { networks: 'none' }).addresses).toEqual([]);
    const server = c.create('vm', { networks: [{ network: 'public' }, { network: 'private', fixedIp: '10.0.0.9' }, { port: 'db-port' }] });
    expect(addrs(server)).toEqual(['public=203.0.113.2', 'private=10.0.0.9', 'private=10.0.0.50']);
  });

  it('keeps accessIPv4 and accessIPv6 in canonical form', () => {
    const c = cloud();
    const server = c.create('vm', { networks: 'none', accessIPv4: '67.23.10.132', accessIPv6: '::babe:67.23.10.132' });
    expect([server.accessIPv4, server.accessIPv6]).toEqual(['67.23.10.132', '::babe:4317:a84']);
  });
});

describe("the API's network checks (validate_networks), with Nova's messages", () => {
  it('auto with more than one network is ambiguous (409)', () => {
    expect(refusalOf(cloud(), 'vm', {})).toBe('Multiple possible networks found, use a Network ID to be more specific.');
  });

  it('an unknown network or port is not found (400)', () => {
    const c = cloud();
    expect(refusalOf(c, 'a', { networks: [{ network: 'nope' }, { network: 'gone' }] })).toBe('Network nope, gone could not be found.');
    expect(refusalOf(c, 'b', { networks: [{ port: 'nope' }] })).toBe('Port id nope could not be found.');
  });

  it('a port bound to a server is in use (409), until that server is deleted', () => {
    const c = cloud();
    const first = c.create('first', { networks: [{ port: 'db-port' }] });
    expect(refusalOf(c, 'second', { networks: [{ port: 'db-port' }] })).toBe('Port db-port is still in use.');
    c.act('delete', first);
    expect(first.addresses).toEqual([]);
    expect(addrs(c.create('second', { networks: [{ port: 'db-port' }] }))).toEqual(['private=10.0.0.50']);
  });

  it("a fixed IP in use is refused with its holder's uuid (400)", () => {
    const c = cloud();
    const holder = c.create('holder', { networks: [{ network: 'private', fixedIp: '10.0.0.9' }] });
    expect(refusalOf(c, 'vm', { networks: [{ network: 'private', fixedIp: '10.0.0.9' }] })).toBe(
      `Fixed IP address 10.0.0.9 is already in use on instance ${holder.uuid}.`,
    );
    // An unbound named port holds its address too: Neutron's device_id is empty.
    expect(refusalOf(c, 'vm', { networks: [{ network: 'private', fixedIp: '10.0.0.50' }] })).toBe(
      'Fixed IP address 10.0.0.50 is already in use on instance .',
    );
  });

  it('malformed addresses fail the request schema (400)', () => {
    const c = cloud();
    expect(refusalOf(c, 'a', { networks: 'none', accessIPv4: '1.2.3' })).toBe("Invalid input for field/attribute accessIPv4. Value: 1.2.3. '1.2.3' is not a 'ipv4'");
    expect(refusalOf(c, 'b', { networks: 'none', accessIPv6: '10.0.0.1' })).toBe(
      "Invalid input for field/attribute accessIPv6. Value: 10.0.0.1. '10.0.0.1' is not a 'ipv6'",
    );
    expect(refusalOf(c, 'c', { networks: [{ network: 'private', fixedIp: 'x' }] })).toBe(
      "Invalid input for field/attribute fixed_ip. Value: x. 'x' is not valid under any of the given schemas",
    );
  });
});

describe('addresses that cannot be had at build time', () => {
  it('an exhausted subnet aborts the build: ERROR, no addresses', () => {
    const c = cloud(); // public: a /29 holds 5 servers (.2 to .6)
    for (let i = 0; i < 5; i++) c.create(`p${i}`, { networks: [{ network: 'public' }] });
    const server = c.request('p5', { networks: [{ network: 'public' }, { network: 'private' }] })!;
    c.settle(server);
    expect(server.vmState).toBe('error');
    expect(server.fault).toBe(
      `Build of instance ${server.uuid} aborted: Failed to allocate the network(s) with error No fixed IP addresses available for network: public, not rescheduling.`,
    );
    expect(server.addresses).toEqual([]);
    // the private address it had for a moment went back
    expect(addrs(c.create('next', { networks: [{ network: 'private' }] }))).toEqual(['private=10.0.0.2', 'private=fd00::2']);
  });

  it('a fixed IP taken between the API check and the build aborts the later build', () => {
    const c = cloud();
    const first = c.request('first', { networks: [{ network: 'private', fixedIp: '10.0.0.9' }] })!;
    const second = c.request('second', { networks: [{ network: 'private', fixedIp: '10.0.0.9' }] })!;
    c.settle(first);
    c.settle(second);
    expect(addrs(first)).toEqual(['private=10.0.0.9']);
    expect(second.vmState).toBe('error');
    expect(second.fault).toBe(`Build of instance ${second.uuid} aborted: Fixed IP 10.0.0.9 is already in use.`);
  });

  it('a build failing on its host gives its addresses back before the reschedule, and gets them again', () => {
    const c = cloud({ hosts: [{ name: 'bad', vcpus: 8, ramMb: 16384, diskGb: 200, buildFailureProbability: 1 }, { name: 'good', vcpus: 8, ramMb: 16384, diskGb: 200 }] });
    const server = c.create('vm', { networks: [{ network: 'public' }] });
    expect(c.hostOf(server).name).toBe('good');
    expect(addrs(server)).toEqual(['public=203.0.113.2']);
  });
});

describe('addresses are kept through every move', () => {
  /** Each move, and whether the server ends on another host. */
  const moves: [string, (c: TinyCloud, s: Server) => void, boolean][] = [
    ['reboot', (c, s) => c.act('reboot', s, { type: 'HARD' }), false],
    ['rebuild', (c, s) => c.act('rebuild', s, { image: 'ubuntu' }), false],
    ['resize, confirmed', (c, s) => (c.act('resize', s, { flavor: LARGE }), c.act('confirm_resize', s)), true],
    ['resize, reverted', (c, s) => (c.act('resize', s, { flavor: LARGE }), c.act('revert_resize', s)), false],
    ['cold migration', (c, s) => (c.act('migrate', s, {}, true), c.act('confirm_resize', s)), true],
    ['live migration', (c, s) => c.act('live_migrate', s, {}, true), true],
    ['shelve and unshelve (offloaded)', (c, s) => (c.act('shelve', s), c.act('unshelve', s)), false],
    ['evacuation', (c, s) => (c.failHost(c.hostOf(s)), c.runFor(200), c.act('evacuate', s, {}, true)), true],
  ];

  it.each(moves)('%s', (_name, move, elsewhere) => {
    const c = cloud();
    const server = c.create('vm', { networks: [{ network: 'private' }, { port: 'db-port' }] });
    const before = addrs(server);
    const host = server.host;
    move(c, server);
    expect(server.vmState).toBe('active');
    expect(addrs(server)).toEqual(before);
    expect(before).toEqual(['private=10.0.0.2', 'private=fd00::2', 'private=10.0.0.50']);
    expect(server.host !== host).toBe(elsewhere);
    // still held by the server: the same address is refused to another
    expect(refusalOf(c, 'other', { networks: [{ network: 'private', fixedIp: '10.0.0.2' }] })).toContain(server.uuid);
  });
});

describe('addresses go back on delete', () => {
  it('a hard delete releases them: the next server gets the same address', () => {
    const c = cloud();
    const server = c.create('vm', { networks: [{ network: 'private' }] });
    c.act('delete', server);
    expect(server.addresses).toEqual([]);
    expect(addrs(c.create('next', { networks: [{ network: 'private' }] }))).toEqual(['private=10.0.0.2', 'private=fd00::2']);
  });

  it('a soft-deleted server keeps them until it is reclaimed', () => {
    const c = cloud({ config: { reclaim_instance_interval: 100 } });
    const server = c.create('vm', { networks: [{ network: 'private' }, { port: 'db-port' }] });
    c.act('delete', server);
    expect(server.vmState).toBe('soft-delete');
    expect(addrs(server)).toHaveLength(3);
    expect(refusalOf(c, 'x', { networks: [{ port: 'db-port' }] })).toBe('Port db-port is still in use.');
    c.runFor(300);
    expect(server.vmState).toBe('deleted');
    expect(server.addresses).toEqual([]);
    expect(addrs(c.create('next', { networks: [{ network: 'private' }, { port: 'db-port' }] }))).toEqual([
      'private=10.0.0.2', 'private=fd00::2', 'private=10.0.0.50',
    ]);
  });
});

describe('update_server (PUT /servers/{id})', () => {
  it('sets the access addresses at once, in any state, locked or not, leaving the task alone', () => {
    const c = cloud();
    const server = c.create('vm', { networks: 'none', accessIPv4: '192.0.2.1' });
    c.act('lock', server, {}, true);
    c.submit('reboot', server, {}, true);
    const rows = c.submit('update_server', server, { access_ip_v6: '2001:DB8::1' });
    expect(rows.map((r) => [r.outcome, r.taskState])).toEqual([['accepted', 'rebooting'], ['completed', 'rebooting']]);
    expect([server.accessIPv4, server.accessIPv6]).toEqual(['192.0.2.1', '2001:db8::1']);
    c.settle(server);
    expect(server.vmState).toBe('active');
  });

  it("refuses an address of the wrong kind with the schema's message, and a deleted server is not found", () => {
    const c = cloud();
    const server = c.create('vm', { networks: 'none' });
    expect(TinyCloud.verdict(c.submit('update_server', server, { access_ip_v4: 'fd00::1' })).reason).toBe(
      "Invalid input for field/attribute accessIPv4. Value: fd00::1. 'fd00::1' is not a 'ipv4'",
    );
    c.act('delete', server);
    expect(TinyCloud.verdict(c.submit('update_server', server, { access_ip_v4: '192.0.2.1' })).reason).toBe('Instance vm could not be found.');
  });
});
