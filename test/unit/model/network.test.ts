import { describe, expect, it } from 'vitest';
import { AddressPool } from '../../../src/model/address-pool.js';
import type { ServerId } from '../../../src/model/ids.js';
import { formatIp } from '../../../src/model/ip-address.js';
import { addressesOf, formatAddresses, Networks, type Port, type SubnetSpec } from '../../../src/model/network.js';

function networkOf(...subnets: SubnetSpec[]): { networks: Networks; take: (fixedIp?: string) => Port } {
  const networks = new Networks();
  const net = networks.addNetwork('private', subnets);
  return {
    networks,
    take(fixedIp) {
      const port = networks.createPort(net, fixedIp);
      if ('kind' in port) throw new Error(port.kind);
      return port;
    },
  };
}
const ips = (port: Port): string[] => addressesOf(port).map((a) => a.addr);

describe('address allocation (Neutron defaults)', () => {
  it('IPv4: skips the network address and the gateway, stops before the broadcast address', () => {
    const { networks, take } = networkOf({ cidr: '10.0.0.0/29' });
    const got = Array.from({ length: 5 }, () => ips(take())[0]);

    expect(got).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(networks.createPort(networks.network('private')!, undefined)).toEqual({ kind: 'exhausted' });
  });

  it('IPv6: from the address after the gateway, the last address included', () => {
    const { take } = networkOf({ cidr: 'fd00::/126' });

    expect([take(), take()].map((p) => ips(p)[0])).toEqual(['fd00::2', 'fd00::3']);
  });

  it('a dual-stack network gives one address of each version, IPv4 first', () => {
    const { take } = networkOf({ cidr: 'fd00::/64' }, { cidr: '10.0.0.0/24' });

    expect(ips(take())).toEqual(['10.0.0.2', 'fd00::2']);
    expect(ips(take())).toEqual(['10.0.0.3', 'fd00::3']);
  });

  it('a version whose subnets are full fails the port and takes nothing from the others', () => {
    const { networks, take } = networkOf({ cidr: '10.0.0.0/30' }, { cidr: 'fd00::/64' });
    take();
    const net = networks.network('private')!;

    expect(networks.createPort(net, undefined)).toEqual({ kind: 'exhausted' });
    expect(net.subnets[1]!.pool.used).toBe(1);
  });

  it('uses the next subnet of a version when the first is full', () => {
    const { take } = networkOf({ cidr: '10.0.0.0/30' }, { cidr: '10.0.1.0/30' });

    expect([take(), take()].map((p) => ips(p)[0])).toEqual(['10.0.0.2', '10.0.1.2']);
  });

  it('follows allocation pools, in address order', () => {
    const { take } = networkOf({ cidr: '10.0.0.0/24', allocationPools: [{ start: '10.0.0.200', end: '10.0.0.201' }, { start: '10.0.0.100', end: '10.0.0.100' }] });

    expect([take(), take(), take()].map((p) => ips(p)[0])).toEqual(['10.0.0.100', '10.0.0.200', '10.0.0.201']);
  });

  it('hands released addresses out again, lowest first, before moving on', () => {
    const { networks, take } = networkOf({ cidr: '10.0.0.0/24' });
    const ports = Array.from({ length: 5 }, () => take());
    networks.deletePort(ports[3]!);
    networks.deletePort(ports[1]!);

    expect([take(), take(), take()].map((p) => ips(p)[0])).toEqual(['10.0.0.3', '10.0.0.5', '10.0.0.7']);
  });

  it('a fixed IP ahead of the cursor is skipped by it, and one given back is reused', () => {
    const { networks, take } = networkOf({ cidr: '10.0.0.0/24' });
    const fixed = take('10.0.0.3');

    expect([take(), take()].map((p) => ips(p)[0])).toEqual(['10.0.0.2', '10.0.0.4']);
    networks.deletePort(fixed);
    expect(ips(take())).toEqual(['10.0.0.3']);
  });

  it('a fixed IP is refused when taken, or when it is the network, gateway or broadcast address', () => {
    const { networks, take } = networkOf({ cidr: '10.0.0.0/24' });
    const net = networks.network('private')!;
    const holder = take('10.0.0.9');

    expect(networks.createPort(net, '10.0.0.9')).toEqual({ kind: 'in_use', address: '10.0.0.9', holder });
    for (const address of ['10.0.0.0', '10.0.0.1', '10.0.0.255', '10.0.1.1']) expect(networks.createPort(net, address)).toEqual({ kind: 'invalid', address });
  });

  it('a fixed IP outside the pools may be had, and is not handed out by the cursor when released', () => {
    const { networks, take } = networkOf({ cidr: '10.0.0.0/24', allocationPools: [{ start: '10.0.0.10', end: '10.0.0.11' }] });
    networks.deletePort(take('10.0.0.50'));

    expect([take(), take()].map((p) => ips(p)[0])).toEqual(['10.0.0.10', '10.0.0.11']);
    expect(networks.createPort(networks.network('private')!, undefined)).toEqual({ kind: 'exhausted' });
  });

  it('costs no scan of the subnet: a /64 and a /16 hand out 20,000 addresses quickly, in order', () => {
    const { take } = networkOf({ cidr: '2001:db8::/64' }, { cidr: '172.16.0.0/16' });
    let last: Port | undefined;
    for (let i = 0; i < 20_000; i++) last = take();

    expect(ips(last!)).toEqual(['172.16.78.33', '2001:db8::4e21']);
  });
});

describe('AddressPool', () => {
  it('claims by value, knows holders and ignores a double release', () => {
    const pool = new AddressPool<string>([{ first: 1n, last: 3n }]);

    expect(pool.claim(2n, 'a')).toBe(true);
    expect(pool.claim(2n, 'b')).toBe(false);
    expect(pool.holderOf(2n)).toBe('a');
    expect([pool.allocate('c'), pool.allocate('d'), pool.allocate('e')]).toEqual([1n, 3n, null]);
    pool.release(1n);
    pool.release(1n);
    expect([pool.allocate('f'), pool.allocate('g')]).toEqual([1n, null]);
  });
});

describe('ports and servers', () => {
  it('named ports keep their address when their server lets them go; created ones give it back', () => {
    const { networks } = networkOf({ cidr: '10.0.0.0/24' });
    const net = networks.network('private')!;
    const named = networks.addPort('db-port', net, '10.0.0.50') as Port;
    const created = networks.createPort(net, undefined) as Port;
    const server = 7 as ServerId;
    networks.bind(named, server);
    networks.bind(created, server);

    expect(networks.portsOf(server)).toEqual([named, created]);
    networks.releaseAll(server);
    expect(named.device).toBeNull();
    expect(net.subnets[0]!.pool.holderOf(0x0a000032n)).toBe(named);
    expect(net.subnets[0]!.pool.holderOf(0x0a000002n)).toBeUndefined();
    expect(networks.portsOf(server)).toEqual([]);
  });

  it('formats addresses network by network, in NIC order', () => {
    expect(
      formatAddresses([
        { network: 'private', version: 4, addr: '10.0.0.5' },
        { network: 'public', version: 4, addr: '203.0.113.7' },
        { network: 'private', version: 6, addr: formatIp(6, 0xfd000000000000000000000000000005n) },
      ]),
    ).toBe('private=10.0.0.5;fd00::5 public=203.0.113.7');
    expect(formatAddresses([])).toBe('');
  });
});
