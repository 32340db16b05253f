/**
 * A stand-alone replica of CloudSim 3.0.3's PowerDatacenter cycle for the
 * PlanetLab benchmark, driving novasim's own pieces: the trace reader and
 * demand (src/workload), CPU sharing (src/model/cpu-share.ts), the
 * consolidation policies (src/operator/dynamic) and the energy and SLA
 * formulas (src/metrics). It is not the simulator: it checks those pieces
 * against the reference figures of research/cloudsim-planetlab-20110303.md
 * and gives phase 2's wiring a reference to agree with.
 *
 *   npx tsx scripts/cloudsim-replica.ts <npa|dvfs|thr|iqr|mad|lr|lrr> [hosts] [servers] [end seconds]
 *
 * The cycle, as PowerDatacenter runs it: an update at 300 k + 0.1 s
 * (energy for the interval, every host's shares recomputed from its
 * servers' requests, servers asking for exactly nothing deleted), then a
 * consolidation round whose moves start at once; a move completes after
 * RAM / (BW / 16000) s, when a full update runs before and after it.
 */
import { cloudsimIntervalJoules, npaIntervalJoules } from '../src/metrics/figures/cpu-energy.js';
import { JOULES_PER_KWH } from '../src/metrics/format.js';
import { hostSlaTime, pdm, serverSlaWork, slatah, type HostState, type ServerState } from '../src/metrics/figures/sla.js';
import { specPowerCurve } from '../src/model/specpower-curve.js';
import { cloudsimMigrationSeconds } from '../src/migration/cloudsim-migration.js';
import { shareCpu, type MigrationRole } from '../src/model/cpu-share.js';
import { placeInitially } from '../src/operator/dynamic/initial-placement.js';
import { planRound } from '../src/operator/dynamic/plan-round.js';
import { HISTORY_LENGTH, type HostLoad, type ServerLoad } from '../src/operator/dynamic/types.js';
import { consolidationPolicyOf, dynamicConsolidationSpec, type PolicyName } from '../src/scenario/dynamic-consolidation.js';
import { SampledDemand } from '../src/workload/demand/sampled-demand.js';
import { planetLabFiles, readPlanetLabTrace } from '../src/workload/traces/planetlab.js';

const policy = (process.argv[2] ?? 'thr') as PolicyName;
const HOSTS = Number(process.argv[3] ?? 800);
const SERVERS = Number(process.argv[4] ?? 1052);
const END = Number(process.argv[5] ?? 86_400);
const INTERVAL = 300;
const OFFSET = 0.1;
const BANDWIDTH_KBIT_S = 1_000_000;
const FOLDER = 'data/planetlab/20110303';

// SETUP.md sections 1 and 2: the two SPECpower hosts, alternating by id; four server types by block.
const WATTS = [
  specPowerCurve([86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117].map((w, k) => [k / 10, w] as const)),
  specPowerCurve([93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135].map((w, k) => [k / 10, w] as const)),
];
const CORE_MIPS = [1860, 2660];
const TYPES = [[2500, 870], [2000, 1740], [1000, 1740], [500, 613]] as const;

interface Server {
  readonly id: number;
  readonly mips: number;
  readonly ram: number;
  readonly demand: SampledDemand;
  host: number;
  migrating: boolean;
  requested: number;
  history: number[];
  historyAt: number;
  deleted: boolean;
  readonly states: ServerState[];
}
interface Entry {
  readonly server: Server;
  readonly arriving: boolean;
}
interface Host {
  readonly id: number;
  readonly coreMips: number;
  readonly watts: (u: number) => number;
  readonly entries: Entry[];
  used: number;
  usedBefore: number;
  readonly states: HostState[];
}

const names = planetLabFiles(FOLDER, { kind: 'file', file: 'data/planetlab/vm-order-20110303.txt' }).slice(0, SERVERS);
const block = Math.ceil(SERVERS / TYPES.length);
const servers: Server[] = names.map((name, id) => {
  const [mips, ram] = TYPES[Math.floor(id / block)]!;
  return { id, mips, ram, demand: new SampledDemand(readPlanetLabTrace(`${FOLDER}/${name}`, 288), INTERVAL), host: -1, migrating: false, requested: mips, history: [], historyAt: 0, deleted: false, states: [] };
});
const hosts: Host[] = Array.from({ length: HOSTS }, (_, id) => ({ id, coreMips: CORE_MIPS[id % 2]!, watts: WATTS[id % 2]!, entries: [], used: 0, usedBefore: 0, states: [] }));
const total = (h: Host): number => 2 * h.coreMips;

const settings = dynamicConsolidationSpec.parse({ policy }, [], []);
if (typeof settings === 'symbol') throw new Error(`unknown policy ${policy}`);
const rounds = consolidationPolicyOf(settings, { migrationSeconds: (ram) => cloudsimMigrationSeconds(ram, BANDWIDTH_KBIT_S), rsStream: () => ({ next: () => 0, int: () => 0 }) });

/** Replaces the last state when it is at the same time, as CloudSim's state histories do. */
function record<T extends { readonly time: number }>(states: T[], state: T): void {
  if (states.length > 0 && states[states.length - 1]!.time === state.time) states[states.length - 1] = state;
  else states.push(state);
}

const roleOf = (e: Entry): MigrationRole => (e.arriving ? 'in' : e.server.migrating ? 'out' : 'none');

/** HostDynamicWorkload.updateVmsProcessing: new requests, new shares, the host's and servers' states. */
function updateHost(h: Host, t: number): void {
  for (const { server } of h.entries) {
    const u = server.demand.at(t);
    server.requested = u * server.mips;
    if (t > server.historyAt && (t - OFFSET) % INTERVAL === 0) {
      server.history.unshift(u);
      if (server.history.length > HISTORY_LENGTH) server.history.pop();
      server.historyAt = t;
    }
  }
  h.usedBefore = h.used;
  const shares = shareCpu({ cores: 2, coreSpeed: h.coreMips }, h.entries.map((e) => ({ perVcpu: e.server.requested, vcpus: 1, role: roleOf(e) })));
  let used = 0;
  let requested = 0;
  h.entries.forEach((e, i) => {
    let got = shares.allocated[i]!;
    if (!e.arriving) {
      record(e.server.states, { time: t, allocated: got, requested: e.server.requested, migrating: e.server.migrating });
      if (e.server.migrating) got /= 0.9;
    }
    used += got;
    requested += e.server.requested;
  });
  h.used = used;
  record(h.states, { time: t, allocated: used, requested, active: used > 0 });
}

const utilisation = (h: Host, used: number): number => {
  const u = used / total(h);
  return u > 1 && u < 1.01 ? 1 : u;
};

let joules = 0;
let lastUpdate = 0;
let migrations = 0;

/** PowerDatacenter's update of every host, its energy and its deletions of servers asking for nothing. */
function updateAll(t: number): void {
  const dt = t - lastUpdate;
  for (const h of hosts) updateHost(h, t);
  if (dt > 0)
    for (const h of hosts)
      joules += policy === 'npa' ? npaIntervalJoules(h.watts(1), dt) : cloudsimIntervalJoules(h.watts(utilisation(h, h.usedBefore)), h.watts(utilisation(h, h.used)), utilisation(h, h.usedBefore), dt);
  deleteIdle();
  lastUpdate = t;
}

/** CloudSim counts a server asking for exactly nothing as finished and deletes it (research note, section 3.1). */
function deleteIdle(): void {
  for (const h of hosts) {
    for (const e of [...h.entries]) {
      if (e.arriving || e.server.migrating || e.server.requested !== 0) continue;
      h.entries.splice(h.entries.indexOf(e), 1);
      e.server.deleted = true;
    }
  }
}

interface Migration {
  readonly at: number;
  readonly server: Server;
  readonly to: Host;
  readonly seq: number;
}
let inFlight: Migration[] = [];

function startRound(t: number): void {
  if (rounds === null) return;
  const loads: HostLoad[] = hosts.map((h) => ({
    id: h.id,
    cpu: { cores: 2, coreSpeed: h.coreMips },
    ramMb: 4096,
    utilisation: h.used / total(h),
    watts: h.watts,
    servers: h.entries.map((e) => ({ server: loadOf(e.server), role: roleOf(e) })),
  }));
  for (const move of planRound(loads, rounds)) {
    const server = servers[move.server]!;
    const to = hosts[move.to]!;
    server.migrating = true;
    if (!to.entries.some((e) => e.server === server && e.arriving)) {
      to.entries.push({ server, arriving: true });
      updateHost(to, t);
      updateHost(hosts[server.host]!, t);
    }
    migrations++;
    inFlight.push({ at: t + cloudsimMigrationSeconds(server.ram, BANDWIDTH_KBIT_S), server, to, seq: migrations });
  }
}

const loadOf = (s: Server): ServerLoad => ({ id: s.id, vcpus: 1, speed: s.mips, ramMb: s.ram, ramClaimMb: 0, requested: s.requested, history: s.history, migrating: s.migrating });

/** Datacenter.processVmMigrate for the moves completing at one time, with PowerDatacenter's updates around them. */
function completeAt(at: number): void {
  const batch = inFlight.filter((m) => m.at === at).sort((a, b) => a.seq - b.seq);
  inFlight = inFlight.filter((m) => m.at !== at);
  if (at > lastUpdate) updateAll(at);
  for (const { server, to } of batch) {
    const from = hosts[server.host]!;
    const i = from.entries.findIndex((e) => e.server === server && !e.arriving);
    if (i >= 0) from.entries.splice(i, 1);
    to.entries.splice(to.entries.findIndex((e) => e.server === server && e.arriving), 1);
    to.entries.push({ server, arriving: false });
    server.host = to.id;
    server.migrating = false;
  }
  for (const h of hosts) updateHost(h, at);
  deleteIdle();
}

const started = performance.now();
const initial = placeInitially(
  hosts.map((h) => ({ id: h.id, cpu: { cores: 2, coreSpeed: h.coreMips }, ramMb: 4096, utilisation: 0, watts: h.watts, servers: [] })),
  servers.map((s) => ({ id: s.id, vcpus: 1, speed: s.mips, ramMb: s.ram, ramClaimMb: s.ram, requested: s.mips, history: [], migrating: false })),
  rounds === null ? { kind: 'first-fit' } : { kind: 'pabfd', detector: rounds.detector },
);
for (const m of initial.placed) {
  servers[m.server]!.host = m.to;
  hosts[m.to]!.entries.push({ server: servers[m.server]!, arriving: false });
}
for (let k = 1; ; k++) {
  const t = INTERVAL * k + OFFSET;
  for (let next = Math.min(...inFlight.map((m) => m.at)); next < t; next = Math.min(...inFlight.map((m) => m.at))) completeAt(next);
  // terminateSimulation(86400): the update at 86400.1 never runs.
  if (t >= END) break;
  updateAll(t);
  startRound(t);
}

const slatahValue = slatah(hosts.map((h) => hostSlaTime(h.states)));
const pdmValue = pdm(servers.map((s) => serverSlaWork(s.states)));
let shutdowns = 0;
for (const h of hosts) {
  let wasActive = true;
  for (const s of h.states) {
    if (wasActive && !s.active) shutdowns++;
    wasActive = s.active;
  }
}
const kwh = joules / JOULES_PER_KWH;
console.log(
  JSON.stringify({
    policy: settings.policy,
    hosts: HOSTS,
    servers: SERVERS,
    energy_kwh: kwh,
    migrations,
    slatah: slatahValue,
    pdm: pdmValue,
    slav: slatahValue * pdmValue,
    esv: kwh * slatahValue * pdmValue,
    shutdowns,
    deleted: servers.filter((s) => s.deleted).length,
    wall_s: Math.round((performance.now() - started) / 100) / 10,
  }),
);
