import { formatCidr, formatIp, lastOf, overlaps, parseCidr, parseIp, type Cidr } from '../model/ip-address.js';
import { Subnet, type NicRequest, type RequestedNetworks } from '../model/network.js';
import type { Scenario } from './schema.js';
import type { Issue, Path } from './spec.js';

/** The subnets of each network, parsed (first of duplicate names only). */
type Subnets = ReadonlyMap<string, readonly Subnet[]>;

const AMBIGUOUS = 'Multiple possible networks found, use a Network ID to be more specific.';

/**
 * Networks, ports and the NICs creates and workloads ask for: what Neutron
 * would refuse when the scenario's networks are made, and what Nova's API
 * would refuse on a create whatever happens before it.
 */
export function checkNetworks(s: Scenario, issues: Issue[]): void {
  const subnets = checkSubnets(s, issues);
  const held = checkPorts(s, subnets, issues);
  const names = s.networks.map((n) => n.name);
  const checkRequest = (requested: RequestedNetworks | undefined, at: Path, multiple: boolean): void => {
    if (requested === undefined || requested === 'auto') {
      if (names.length > 1)
        issues.push({
          path: requested === undefined ? at : [...at, 'networks'],
          message: `${requested === undefined ? 'networks defaults to auto, which' : 'auto'} needs exactly one network and the scenario has ${names.length} (${names.join(', ')}); name the ones to attach (Nova: ${AMBIGUOUS})`,
        });
      return;
    }
    if (requested === 'none') return;
    requested.forEach((nic, j) => checkNic(nic, [...at, 'networks', j], subnets, s, multiple, issues));
  };
  s.workload.forEach((w, i) => {
    if (!('trace' in w)) checkRequest(w.networks, ['workload', i], true);
  });
  s.actions.forEach((a, i) => {
    if (a.action === 'create') checkRequest(a.networks, ['actions', i], false);
  });
  checkReuse(s, held, issues);
}

/** Each network's subnets: a version that matches the prefix, no overlap within the network, pools inside the prefix. */
function checkSubnets(s: Scenario, issues: Issue[]): Subnets {
  const byName = new Map<string, Subnet[]>();
  s.networks.forEach((n, i) => {
    if (byName.has(n.name)) issues.push({ path: ['networks', i, 'name'], message: `duplicate name '${n.name}'` });
    const subnets: Subnet[] = [];
    n.subnets.forEach((spec, j) => {
      const at = (...rest: (string | number)[]): Path => ['networks', i, 'subnets', j, ...rest];
      const cidr = parseCidr(spec.cidr) as Cidr; // the field's spec checked it
      if (spec.ip_version !== undefined && spec.ip_version !== cidr.version)
        issues.push({ path: at('ip_version'), message: `ip_version ${spec.ip_version} does not match cidr ${spec.cidr}, an IPv${cidr.version} prefix` });
      const other = subnets.find((o) => overlaps(o.cidr, cidr));
      if (other !== undefined)
        issues.push({ path: at('cidr'), message: `subnet ${spec.cidr} overlaps subnet ${formatCidr(other.cidr)} of network '${n.name}' (subnets of one network may not overlap)` });
      (spec.allocation_pools ?? []).forEach((p, k) => checkPool(cidr, p, spec.allocation_pools!.slice(0, k), at('allocation_pools', k), issues));
      subnets.push(new Subnet(cidr, []));
    });
    if (!byName.has(n.name)) byName.set(n.name, subnets);
  });
  return byName;
}

/** Inside the prefix less its network (and IPv4 broadcast) address, apart from the gateway and from earlier pools. */
function checkPool(cidr: Cidr, pool: { start: string; end: string }, earlier: readonly { start: string; end: string }[], at: Path, issues: Issue[]): void {
  const [start, end] = [parseIp(pool.start)!, parseIp(pool.end)!];
  const range = `${pool.start}-${pool.end}`;
  const lowest = cidr.network + 1n;
  const highest = lastOf(cidr) - (cidr.version === 4 ? 1n : 0n);
  let message: string | null = null;
  if (start.version !== cidr.version || end.version !== cidr.version) message = `pool ${range} is not of the subnet's IP version ${cidr.version}`;
  else if (start.value > end.value) message = `pool ${range} starts after it ends`;
  else if (start.value < lowest || end.value > highest)
    message = `pool ${range} spans beyond the usable addresses of ${formatCidr(cidr)} (${formatIp(cidr.version, lowest)}-${formatIp(cidr.version, highest)})`;
  else if (start.value === lowest) message = `pool ${range} holds the gateway ${formatIp(cidr.version, lowest)} (the prefix's first host address)`;
  else {
    const clash = earlier.find((e) => parseIp(e.start)!.value <= end.value && start.value <= parseIp(e.end)!.value);
    if (clash !== undefined) message = `pool ${range} overlaps pool ${clash.start}-${clash.end}`;
  }
  if (message !== null) issues.push({ path: at, message });
}

/** Ports: unique names, a known network, a fixed IP usable on it and not another port's. Returns who holds what. */
function checkPorts(s: Scenario, subnets: Subnets, issues: Issue[]): Map<string, string> {
  const held = new Map<string, string>();
  const seen = new Set<string>();
  s.ports.forEach((p, i) => {
    if (seen.has(p.name)) issues.push({ path: ['ports', i, 'name'], message: `duplicate name '${p.name}'` });
    seen.add(p.name);
    if (!subnets.has(p.network)) return void unknown(issues, ['ports', i, 'network'], 'network', p.network, [...subnets.keys()]);
    if (p.fixed_ip === undefined) return;
    const problem = fixedIpProblem(p.fixed_ip, p.network, subnets);
    const key = ipKey(p.network, p.fixed_ip);
    if (problem !== null) issues.push({ path: ['ports', i, 'fixed_ip'], message: problem });
    else if (held.has(key)) issues.push({ path: ['ports', i, 'fixed_ip'], message: `fixed IP ${p.fixed_ip} is already held by ${held.get(key)}` });
    else held.set(key, `port '${p.name}'`);
  });
  return held;
}

function checkNic(nic: NicRequest, at: Path, subnets: Subnets, s: Scenario, multiple: boolean, issues: Issue[]): void {
  if ('port' in nic) {
    // nova/compute/api.py _check_multiple_instances_with_neutron_ports
    if (multiple) issues.push({ path: [...at, 'port'], message: 'Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.' });
    else if (!s.ports.some((p) => p.name === nic.port)) unknown(issues, [...at, 'port'], 'port', nic.port, s.ports.map((p) => p.name));
    return;
  }
  if (!subnets.has(nic.network)) return unknown(issues, [...at, 'network'], 'network', nic.network, [...subnets.keys()]);
  if (nic.fixedIp === undefined) return;
  // nova/compute/api.py _check_multiple_instances_with_specified_ip
  if (multiple) return void issues.push({ path: [...at, 'fixed_ip'], message: 'max_count cannot be greater than 1 if an fixed_ip is specified.' });
  const problem = fixedIpProblem(nic.fixedIp, nic.network, subnets);
  if (problem !== null) issues.push({ path: [...at, 'fixed_ip'], message: problem });
}

/** Why a fixed IP cannot be had on the network: in none of its subnets, or a subnet's network, broadcast or gateway address. */
function fixedIpProblem(text: string, network: string, subnets: Subnets): string | null {
  const ip = parseIp(text)!;
  const own = subnets.get(network) ?? [];
  if (own.some((s) => s.usable(ip))) return null;
  const inside = own.find((s) => s.cidr.version === ip.version && ip.value >= s.cidr.network && ip.value <= lastOf(s.cidr));
  if (inside === undefined)
    return `fixed IP ${text} is in no subnet of network '${network}' (${own.map((s) => formatCidr(s.cidr)).join(', ')})`;
  const what = ip.value === inside.cidr.network ? 'network address' : ip.value === inside.gateway ? 'gateway' : 'broadcast address';
  return `fixed IP ${text} is the ${what} of subnet ${formatCidr(inside.cidr)}`;
}

/**
 * A port, or a fixed IP, serves one server at a time: a create may name one
 * only once the server that had it is deleted (in time order, file order
 * among equal times). Nova would refuse the second create with PortInUse or
 * FixedIpAlreadyInUse.
 */
function checkReuse(s: Scenario, held: Map<string, string>, issues: Issue[]): void {
  const keysOf = new Map<string, string[]>();
  const order = s.actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
  for (const { a, i } of order) {
    if ((a.action === 'delete' || a.action === 'force_delete') && a.server !== undefined) {
      for (const key of keysOf.get(a.server) ?? []) held.delete(key);
      keysOf.delete(a.server);
    }
    if (a.action !== 'create' || a.server === undefined || !Array.isArray(a.networks)) continue;
    const mine: string[] = [];
    (a.networks as readonly NicRequest[]).forEach((nic, j) => {
      const [key, path, what] =
        'port' in nic ? [`port:${nic.port}`, 'port', `port ${nic.port}`]
        : nic.fixedIp !== undefined ? [ipKey(nic.network, nic.fixedIp), 'fixed_ip', `fixed IP ${nic.fixedIp}`]
        : [null, '', ''];
      if (key === null) return;
      const holder = held.get(key);
      if (holder !== undefined) issues.push({ path: ['actions', i, 'networks', j, path], message: `${what} is still in use by ${holder} (delete it first)` });
      else {
        held.set(key, `server '${a.server}'`);
        mine.push(key);
      }
    });
    keysOf.set(a.server, mine);
  }
}

const ipKey = (network: string, address: string): string => `ip:${network}/${formatIp(parseIp(address)!.version, parseIp(address)!.value)}`;

function unknown(issues: Issue[], path: Path, what: string, value: string, known: readonly string[]): void {
  issues.push({ path, message: `unknown ${what} '${value}'; known: ${known.join(', ') || 'none'}` });
}
