import { canonicalIp, parseCidr, type IpVersion } from '../model/ip-address.js';
import type { Networks, NicRequest, RequestedNetworks } from '../model/network.js';
import { def, either, INVALID, list, map, num, obj, oneOf, opt, req, type Issue, type ObjectOf, type Path, type Spec } from './spec.js';

/** An IP address (either version, or one), as the API's ip_address / accessIPv4 / accessIPv6 formats accept it. */
export function ipAddress(version?: IpVersion): Spec<string> {
  const expected = version === undefined ? 'an IPv4 or IPv6 address' : `an IPv${version} address`;
  return {
    expected,
    parse(v, path, issues) {
      if (typeof v === 'string' && canonicalIp(v, version) !== null) return v;
      issues.push({ path, message: `expected ${expected}, got ${JSON.stringify(v)}` });
      return INVALID;
    },
    jsonSchema: () => ({ type: 'string', ...(version === undefined ? {} : { format: `ipv${version}` }) }),
  };
}

const cidr: Spec<string> = {
  expected: 'a prefix in CIDR notation such as 10.0.0.0/24 or fd00::/64',
  parse(v, path, issues) {
    const parsed = typeof v === 'string' ? parseCidr(v) : `expected a prefix in CIDR notation, got ${JSON.stringify(v)}`;
    if (typeof parsed !== 'string') return v as string;
    issues.push({ path, message: parsed });
    return INVALID;
  },
  jsonSchema: () => ({ type: 'string', pattern: '^[0-9a-fA-F.:]+/[0-9]{1,3}$' }),
};

const ipVersion = either<IpVersion>('4 or 6', [{ accepts: (v) => v === 4 || v === 6, spec: map(num(), (v) => v as IpVersion) }]);

/** The scenario's `networks:` and `ports:` entries and a create's `networks:` field; names follow the scenario's own rule. */
export function networkSpecs(name: Spec<string>) {
  const subnet = obj({
    cidr: req(cidr, 'the prefix, e.g. 10.0.0.0/24 or fd00::/64; the gateway is its first host address'),
    ip_version: opt(ipVersion, "4 or 6 (default: the cidr's)"),
    allocation_pools: opt(
      list(obj({ start: req(ipAddress(), 'first address of the pool'), end: req(ipAddress(), 'last address of the pool') })),
      "ranges addresses are handed out from (default: the whole prefix less its network, broadcast and gateway addresses, as Neutron's)",
    ),
  });
  const network = obj({
    name: req(name, 'the network, as creates, workloads and ports name it'),
    subnets: req(list(subnet, { min: 1 }), 'its IPv4 and IPv6 subnets'),
  });
  const port = obj({
    name: req(name, 'the port, as a create names it'),
    network: req(name, 'the network the port is on'),
    fixed_ip: opt(ipAddress(), 'its address (default: the next free one of each IP version)'),
  });
  const nicFields = obj({
    network: opt(name, 'a network to create a port on'),
    port: opt(name, 'a pre-created port to use'),
    fixed_ip: opt(ipAddress(), "with network: the port's address"),
  });
  const nic: Spec<NicRequest> = {
    expected: nicFields.expected,
    parse(v, path, issues) {
      const n = nicFields.parse(v, path, issues);
      if (n === INVALID) return INVALID;
      // nova/api/openstack/compute/servers.py _get_requested_networks
      if (n.port !== undefined && n.fixed_ip !== undefined)
        return refuse(issues, [...path, 'fixed_ip'], `Specified Fixed IP '${n.fixed_ip}' cannot be used with port '${n.port}': the two cannot be specified together.`);
      if ((n.port === undefined) === (n.network === undefined)) return refuse(issues, path, "expected either 'network' (with an optional 'fixed_ip') or 'port'");
      if (n.port !== undefined) return { port: n.port };
      return n.fixed_ip === undefined ? { network: n.network! } : { network: n.network!, fixedIp: n.fixed_ip };
    },
    jsonSchema: () => nicFields.jsonSchema(),
  };
  const requestedNetworks = either<RequestedNetworks>('auto, none, or a list of { network }, { network, fixed_ip } or { port }', [
    { accepts: (v) => typeof v === 'string', spec: oneOf(['auto', 'none'] as const) },
    { accepts: (v) => Array.isArray(v), spec: list(nic) },
  ]);
  return {
    networks: def(list(network), [], 'networks and their subnets (none: servers get no addresses)'),
    ports: def(list(port), [], 'ports made before any server, each usable by one server at a time'),
    requestedNetworks,
    /** A workload's `networks`. */
    request: opt(requestedNetworks, "the server's NICs: auto (the default: the only network), none, or networks, ports and fixed IPs (Compute API 2.37)"),
  };
}

function refuse(issues: Issue[], path: Path, message: string): typeof INVALID {
  issues.push({ path, message });
  return INVALID;
}

/** The scenario's `networks:` and `ports:` sections as parsed: all that building them reads. */
export type NetworkSections = ObjectOf<Pick<ReturnType<typeof networkSpecs>, 'networks' | 'ports'>>;

/** Makes the scenario's networks, then its ports in file order (each takes its address now). */
export function buildNetworks(networks: Networks, scenario: NetworkSections): void {
  for (const n of scenario.networks) {
    networks.addNetwork(n.name, n.subnets.map((s) => ({ cidr: s.cidr, allocationPools: s.allocation_pools })));
  }
  for (const p of scenario.ports) {
    const port = networks.addPort(p.name, networks.network(p.network)!, p.fixed_ip);
    if ('kind' in port) throw new RangeError(`port ${p.name}: no address left on network ${p.network} (${port.kind})`);
  }
}
