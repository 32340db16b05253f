import { accessIpRefusal } from '../lifecycle/access-ip-rules.js';
import { badRequest, conflict, type Refusal } from '../lifecycle/refusal.js';
import type { CreateRequest } from '../lifecycle/requests.js';
import type { Inventory } from '../model/inventory.js';
import { canonicalIp, parseIp, type IpVersion } from '../model/ip-address.js';
import { addressesOf, type Network, type Port, type PortFailure, type RequestedNetworks } from '../model/network.js';
import type { Server } from '../model/server.js';

/** One NIC a build makes: a new port on a network (a fixed IP or the next free ones), or a named port to bind. */
type Nic = { readonly network: Network; readonly fixedIp?: string | undefined } | { readonly port: Port };

/** What the API accepted of a create's networking: its NICs and its access addresses (canonical). */
export interface NetworkPlan {
  readonly nics: readonly Nic[];
  readonly accessIPv4: string | null;
  readonly accessIPv6: string | null;
}

/** The NICs each accepted create still has to make, until its networking step. */
const plans = new WeakMap<Server, readonly Nic[]>();

/**
 * The API's checks of a create's networks and access addresses, in Nova's
 * order: the request schema (accessIPv4 is an IPv4 address, accessIPv6 an
 * IPv6 one, fixed_ip either), then validate_networks
 * (nova/network/neutron.py _ports_needed_per_instance): `auto` needs one
 * network, a port must exist and be free, a fixed IP must be free, and
 * every network named must exist. Returns Nova's refusal (the status
 * servers.py's create maps each exception to), or the plan.
 */
export function planNetworking(inventory: Inventory, request: Pick<CreateRequest, 'networks' | 'access_ip_v4' | 'access_ip_v6'>): NetworkPlan | Refusal {
  const refusal = accessIpRefusal('accessIPv4', request.access_ip_v4, 4) ?? accessIpRefusal('accessIPv6', request.access_ip_v6, 6);
  if (refusal !== null) return refusal;
  const nics = resolveNics(inventory, request.networks ?? 'auto');
  if (!Array.isArray(nics)) return nics;
  const canonical = (text: string | undefined, version: IpVersion) => (text === undefined ? null : canonicalIp(text, version));
  return { nics, accessIPv4: canonical(request.access_ip_v4, 4), accessIPv6: canonical(request.access_ip_v6, 6) };
}

/** Keeps the plan with the server the API just created. */
export function adoptPlan(server: Server, plan: NetworkPlan): void {
  server.accessIPv4 = plan.accessIPv4;
  server.accessIPv6 = plan.accessIPv6;
  plans.set(server, plan.nics);
}

function resolveNics(inventory: Inventory, requested: RequestedNetworks): Nic[] | Refusal {
  const { networks } = inventory;
  if (requested === 'none') return [];
  if (requested === 'auto') {
    // No network in the scenario: nothing to attach (novasim has no auto-allocated topology).
    if (networks.size > 1) return conflict('Multiple possible networks found, use a Network ID to be more specific.'); // NetworkAmbiguous
    return networks.all().map((network) => ({ network }));
  }
  const nics: Nic[] = [];
  const missing: string[] = [];
  for (const nic of requested) {
    if ('port' in nic) {
      const port = networks.port(nic.port);
      if (port === undefined) return badRequest(`Port id ${nic.port} could not be found.`);
      if (port.device !== null) return conflict(`Port ${nic.port} is still in use.`); // PortInUse
      nics.push({ port });
      continue;
    }
    const network = networks.network(nic.network);
    if (nic.fixedIp !== undefined && parseIp(nic.fixedIp) === null)
      return badRequest(`Invalid input for field/attribute fixed_ip. Value: ${nic.fixedIp}. '${nic.fixedIp}' is not valid under any of the given schemas`);
    const holder = network === undefined || nic.fixedIp === undefined ? undefined : holderOf(network, nic.fixedIp);
    if (holder !== undefined)
      return badRequest(`Fixed IP address ${canonicalIp(nic.fixedIp!)} is already in use on instance ${holder.device === null ? '' : inventory.servers[holder.device]!.uuid}.`);
    if (network === undefined) missing.push(nic.network);
    else nics.push({ network, fixedIp: nic.fixedIp });
  }
  if (missing.length > 0) return badRequest(`Network ${[...new Set(missing)].join(', ')} could not be found.`);
  return nics;
}

function holderOf(network: Network, fixedIp: string): Port | undefined {
  const ip = parseIp(fixedIp)!;
  return network.subnets.find((s) => s.usable(ip))?.pool.holderOf(ip.value);
}

/**
 * The build's networking step (the compute manager's allocate_for_instance):
 * makes the planned ports and binds them, or undoes what it made and
 * returns the instance fault. NoMoreFixedIps and InvalidInput abort the
 * build as _build_and_run_instance does. A port or fixed IP taken since the
 * API checked it is a race Nova meets with a reschedule that fails the same
 * way on every host; novasim aborts at once with the cause.
 */
export function allocateAddresses(inventory: Inventory, server: Server): string | null {
  const { networks } = inventory;
  releaseAddresses(inventory, server);
  for (const nic of plans.get(server) ?? []) {
    const port = 'port' in nic ? nic.port : networks.createPort(nic.network, nic.fixedIp);
    if ('kind' in port) return abortBuild(inventory, server, failureText(port, 'network' in nic ? nic.network.name : ''));
    if (port.device !== null) return abortBuild(inventory, server, `Port ${port.name} is still in use.`);
    networks.bind(port, server.id);
  }
  server.addresses = networks.portsOf(server.id).flatMap(addressesOf);
  return null;
}

/** Undoes the ports made so far; BuildAbortException's text. */
function abortBuild(inventory: Inventory, server: Server, reason: string): string {
  releaseAddresses(inventory, server);
  return `Build of instance ${server.uuid} aborted: ${reason}`;
}

function failureText(failure: PortFailure, network: string): string {
  switch (failure.kind) {
    case 'exhausted':
      return `Failed to allocate the network(s) with error No fixed IP addresses available for network: ${network}, not rescheduling.`;
    case 'invalid':
      return `Invalid input received: Fixed IP ${failure.address} is not a valid ip address for network ${network}.`;
    case 'in_use':
      return `Fixed IP ${failure.address} is already in use.`;
  }
}

/** Deallocates the server's networking (delete, reclaim, a failed or rescheduled build): Nova's ports go, named ports are unbound. */
export function releaseAddresses(inventory: Inventory, server: Server): void {
  inventory.networks.releaseAll(server.id);
  server.addresses = [];
}
