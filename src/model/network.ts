import { AddressPool, type AddressRange } from './address-pool.js';
import type { ServerId } from './ids.js';
import { contains, formatIp, lastOf, parseCidr, parseIp, type Cidr, type IpAddress, type IpVersion } from './ip-address.js';

/** One NIC a create asks for (POST /servers `networks` items, 2.37 form). */
export type NicRequest = { readonly network: string; readonly fixedIp?: string } | { readonly port: string };

/** `auto` (one network if there is exactly one), `none` (no NIC), or the NICs in order. */
export type RequestedNetworks = 'auto' | 'none' | readonly NicRequest[];

/** One address of a server, as the API's `addresses` lists it under the network's name. */
export interface ServerAddress {
  readonly network: string;
  readonly version: IpVersion;
  readonly addr: string;
}

/** A subnet as the scenario gives it: a CIDR and, optionally, allocation pools (inclusive start-end). */
export interface SubnetSpec {
  readonly cidr: string;
  readonly allocationPools?: readonly { readonly start: string; readonly end: string }[] | undefined;
}

/** A port: a NIC's addresses on one network. Named ones exist before any server and outlive the servers they serve. */
export interface Port {
  /** Null for the ports Nova creates for a create's `{ network }` request. */
  readonly name: string | null;
  readonly network: Network;
  readonly ips: readonly IpAddress[];
  /** The server the port is bound to (Neutron's device_id). */
  device: ServerId | null;
}

export class Subnet {
  /** Neutron's default gateway: the first host address. */
  readonly gateway: bigint;
  readonly pool: AddressPool<Port>;

  constructor(
    readonly cidr: Cidr,
    pools: readonly AddressRange[] | undefined,
  ) {
    this.gateway = cidr.network + 1n;
    this.pool = new AddressPool(pools ?? defaultPools(cidr, this.gateway));
  }

  get version(): IpVersion {
    return this.cidr.version;
  }

  /** Inside the prefix and neither its network address, its IPv4 broadcast address nor its gateway. */
  usable(ip: IpAddress): boolean {
    return contains(this.cidr, ip) && ip.value !== this.cidr.network && ip.value !== this.gateway && !(ip.version === 4 && ip.value === lastOf(this.cidr));
  }
}

/**
 * Neutron's default allocation pool (neutron/ipam/utils.py generate_pools):
 * the prefix without its network address, without the IPv4 broadcast
 * address, and without the gateway.
 */
function defaultPools(cidr: Cidr, gateway: bigint): AddressRange[] {
  const first = cidr.network + 1n;
  const last = lastOf(cidr) - (cidr.version === 4 ? 1n : 0n);
  return [
    { first, last: gateway - 1n },
    { first: gateway + 1n, last },
  ].filter((r) => r.first <= r.last);
}

export interface Network {
  readonly name: string;
  readonly subnets: readonly Subnet[];
}

/** Why a port could not be made. */
export type PortFailure =
  | { readonly kind: 'exhausted' }
  | { readonly kind: 'invalid'; readonly address: string }
  | { readonly kind: 'in_use'; readonly address: string; readonly holder: Port };

/**
 * Neutron as Nova sees it: networks with their subnets and allocators,
 * the named ports, and which ports each server holds. Every network is
 * visible to every project (Neutron's shared networks).
 */
export class Networks {
  readonly #networks = new Map<string, Network>();
  readonly #ports = new Map<string, Port>();
  readonly #serverPorts = new Map<ServerId, Port[]>();

  get size(): number {
    return this.#networks.size;
  }

  /** The networks in the order they were added. */
  all(): Network[] {
    return [...this.#networks.values()];
  }

  network(name: string): Network | undefined {
    return this.#networks.get(name);
  }

  port(name: string): Port | undefined {
    return this.#ports.get(name);
  }

  /** Adds a network; its subnets must be valid (the scenario checks them first). */
  addNetwork(name: string, subnets: readonly SubnetSpec[]): Network {
    const network: Network = { name, subnets: subnets.map(makeSubnet) };
    this.#networks.set(name, network);
    return network;
  }

  /** A pre-created port (openstack port create): its address is taken now, whoever uses it later. */
  addPort(name: string, network: Network, fixedIp?: string): Port | PortFailure {
    const port = this.createPort(network, fixedIp, name);
    if ('kind' in port) return port;
    this.#ports.set(name, port);
    return port;
  }

  /**
   * A new port on `network`: the requested fixed IP, or, as Neutron does for
   * a port with no fixed_ips, one address of each IP version the network
   * has, from the first subnet of that version with one free. Nothing is
   * taken when it fails.
   */
  createPort(network: Network, fixedIp: string | undefined, name: string | null = null): Port | PortFailure {
    const ips: IpAddress[] = [];
    const port: Port = { name, network, ips, device: null };
    if (fixedIp !== undefined) {
      const ip = parseIp(fixedIp);
      const subnet = ip === null ? undefined : network.subnets.find((s) => s.usable(ip));
      if (ip === null || subnet === undefined) return { kind: 'invalid', address: fixedIp };
      if (!subnet.pool.claim(ip.value, port)) return { kind: 'in_use', address: formatIp(ip.version, ip.value), holder: subnet.pool.holderOf(ip.value)! };
      ips.push(ip);
      return port;
    }
    for (const version of versionsOf(network)) {
      const value = network.subnets.filter((s) => s.version === version).reduce<bigint | null>((got, s) => got ?? s.pool.allocate(port), null);
      if (value === null) {
        this.#free(port);
        return { kind: 'exhausted' };
      }
      ips.push({ version, value });
    }
    return port;
  }

  /** Deletes a port Nova created: its addresses go back to their subnets. */
  deletePort(port: Port): void {
    this.#free(port);
  }

  /** The port now serves `server` (Neutron's device_id is set). */
  bind(port: Port, server: ServerId): void {
    port.device = server;
    const ports = this.#serverPorts.get(server) ?? [];
    ports.push(port);
    this.#serverPorts.set(server, ports);
  }

  /** The server's ports, in the order they were bound. */
  portsOf(server: ServerId): readonly Port[] {
    return this.#serverPorts.get(server) ?? [];
  }

  /** Forgets the server's ports: named ones are unbound and kept, the ones Nova created are deleted. */
  releaseAll(server: ServerId): void {
    for (const port of this.portsOf(server)) {
      port.device = null;
      if (port.name === null) this.#free(port);
    }
    this.#serverPorts.delete(server);
  }

  #free(port: Port): void {
    for (const ip of port.ips) subnetOf(port.network, ip)?.pool.release(ip.value);
  }
}

function makeSubnet(spec: SubnetSpec): Subnet {
  const cidr = parseCidr(spec.cidr);
  if (typeof cidr === 'string') throw new RangeError(cidr);
  const pools = spec.allocationPools?.map((p) => ({ first: parseIp(p.start)!.value, last: parseIp(p.end)!.value }));
  return new Subnet(cidr, pools?.sort((a, b) => (a.first < b.first ? -1 : 1)));
}

/** The IP versions of a network's subnets, IPv4 first. */
const versionsOf = (network: Network): IpVersion[] => ([4, 6] as const).filter((v) => network.subnets.some((s) => s.version === v));

const subnetOf = (network: Network, ip: IpAddress): Subnet | undefined => network.subnets.find((s) => contains(s.cidr, ip));

/** The port's addresses as the API lists them. */
export const addressesOf = (port: Port): ServerAddress[] =>
  port.ips.map((ip) => ({ network: port.network.name, version: ip.version, addr: formatIp(ip.version, ip.value) }));

/**
 * One text for a server's addresses: `net=addr;addr` per network, networks
 * in the order of the server's NICs, separated by a space
 * (`private=10.0.0.5;fd00::5 public=203.0.113.7`).
 */
export function formatAddresses(addresses: readonly ServerAddress[]): string {
  if (addresses.length === 0) return ''; // every deleted server: most of a long run's servers.csv
  const byNetwork = new Map<string, string[]>();
  for (const a of addresses) byNetwork.set(a.network, [...(byNetwork.get(a.network) ?? []), a.addr]);
  return [...byNetwork].map(([network, addrs]) => `${network}=${addrs.join(';')}`).join(' ');
}
