import { STATUSES } from '../lifecycle/status.js';
import type { ChargingRates, StatusRate } from '../metrics/figures/charging.js';
import type { PowerModel } from '../metrics/figures/power-model.js';
import { def, either, INVALID, list, map, num, obj, opt, recordOf, req, type Issue, type Path, type Spec } from './spec.js';

/**
 * The scenario's `power:` section (a power model per host type) and
 * `charging:` section (what a server costs per hour in each API status),
 * their cross-checks and what the composition root makes of them.
 */

type Point = readonly [number, number];

const pair = list(num({ min: 0 }), { length: 2 });

/** `[[util, watts], ...]`: utilisation from 0 to 1, strictly increasing; watts >= 0. */
const pointsSpec: Spec<Point[]> = {
  expected: 'a list of [utilisation, watts] pairs, utilisation increasing from 0 to 1',
  parse(v, path, issues) {
    const parsed = list(pair, { min: 2 }).parse(v, path, issues);
    if (parsed === INVALID) return INVALID;
    const before = issues.length;
    parsed.forEach(([u = 0], i) => {
      const at: Path = [...path, i, 0];
      if (u > 1) issues.push({ path: at, message: `expected a utilisation between 0 and 1, got ${u}` });
      else if (i > 0 && u <= parsed[i - 1]![0]!) issues.push({ path: at, message: `expected utilisations in increasing order, got ${u} after ${parsed[i - 1]![0]}` });
    });
    const first = parsed[0]![0]!;
    const last = parsed[parsed.length - 1]![0]!;
    if (first !== 0) issues.push({ path: [...path, 0, 0], message: `expected the first point at utilisation 0 (the points must cover 0 to 1), got ${first}` });
    if (last !== 1 && last <= 1) issues.push({ path: [...path, parsed.length - 1, 0], message: `expected the last point at utilisation 1 (the points must cover 0 to 1), got ${last}` });
    return issues.length > before ? INVALID : parsed.map(([u, w]) => [u!, w!] as const);
  },
  jsonSchema: () => ({ type: 'array', minItems: 2, items: pair.jsonSchema() }),
};

const watts = num({ min: 0 });
const OFF_W = 'watts drawn while the host is switched off (power_off_host), e.g. by its BMC (default 0)';

/** The `power:` section; `name` is the scenario's name spec. */
export function powerSpec(name: Spec<string>) {
  const linear = obj({
    name: req(name, 'the model, as hosts name it in power_model'),
    idle_w: req(watts, 'watts at 0% CPU utilisation'),
    peak_w: req(watts, 'watts at 100% CPU utilisation; linear in between'),
    off_w: def(watts, 0, OFF_W),
  });
  const points = obj({
    name: req(name, 'the model, as hosts name it in power_model'),
    points: req(pointsSpec, '[utilisation, watts] pairs, utilisation from 0 to 1 in increasing order; linear between them'),
    off_w: def(watts, 0, OFF_W),
  });
  const model = either<PowerModel>('a power model: name with idle_w and peak_w, or name with points', [
    { accepts: (v) => typeof v === 'object' && v !== null && 'points' in v, spec: map(points, (m) => ({ name: m.name, points: m.points, offW: m.off_w })) },
    { accepts: () => true, spec: map(linear, (m) => ({ name: m.name, points: [[0, m.idle_w], [1, m.peak_w]] as const, offW: m.off_w })) },
  ]);
  return obj({
    default: opt(name, 'the model of the hosts that name no power_model; without it every host must name one'),
    models: req(list(model, { min: 1 }), 'power models, one per host type'),
  });
}

const perHour = (what: string) => def(num({ min: 0 }), 0, `${what} (default 0)`);
const statusRate = map(
  obj({
    per_vcpu_hour: perHour("per vCPU of the server's flavor, per hour"),
    per_gb_ram_hour: perHour('per GB (1024 MB) of flavor RAM, per hour'),
    per_gb_disk_hour: perHour('per GB of flavor disk, per hour'),
    per_flavor_hour: def(recordOf(num({ min: 0 })), {}, 'flavor name -> amount per hour, added to the terms above; a flavor not listed adds nothing'),
  }),
  (r): StatusRate => ({ perVcpuHour: r.per_vcpu_hour, perGbRamHour: r.per_gb_ram_hour, perGbDiskHour: r.per_gb_disk_hour, perFlavorHour: r.per_flavor_hour }),
);

/** The `charging:` section. */
export const chargingSpec = obj({
  rates: req(recordOf(statusRate, STATUSES), 'API status -> what an hour in it costs; statuses not listed are free'),
});

/** The fields of a scenario these checks read. */
interface Priced {
  readonly hosts: readonly { readonly power_model?: string | undefined }[];
  readonly flavors: readonly { readonly name: string }[];
  readonly power?: { readonly default?: string | undefined; readonly models: readonly PowerModel[] } | undefined;
  readonly charging?: { readonly rates: ChargingRates } | undefined;
}

/** Model names are unique and every host gets a model; per-flavor rates name flavors of the scenario. */
export function checkPowerAndCharging(s: Priced): Issue[] {
  const issues: Issue[] = [];
  const models = new Set<string>();
  s.power?.models.forEach((m, i) => {
    if (models.has(m.name)) issues.push({ path: ['power', 'models', i, 'name'], message: `duplicate name '${m.name}'` });
    models.add(m.name);
  });
  const known = (): string => [...models].join(', ') || 'none (the scenario has no power section)';
  const fallback = s.power?.default;
  if (fallback !== undefined && !models.has(fallback)) issues.push({ path: ['power', 'default'], message: `unknown power model '${fallback}'; known: ${known()}` });
  s.hosts.forEach((h, i) => {
    if (h.power_model !== undefined && !models.has(h.power_model))
      issues.push({ path: ['hosts', i, 'power_model'], message: `unknown power model '${h.power_model}'; known: ${known()}` });
    else if (h.power_model === undefined && s.power !== undefined && fallback === undefined)
      issues.push({ path: ['hosts', i], message: "names no power_model and power has no default: name one, or set power.default" });
  });
  const flavors = new Set(s.flavors.map((f) => f.name));
  for (const [status, rate] of Object.entries(s.charging?.rates ?? {})) {
    for (const flavor of Object.keys(rate?.perFlavorHour ?? {})) {
      if (!flavors.has(flavor))
        issues.push({ path: ['charging', 'rates', status, 'per_flavor_hour', flavor], atKey: true, message: `unknown flavor '${flavor}'; known: ${[...flavors].join(', ')}` });
    }
  }
  return issues;
}

/**
 * Each host's power model in host order (one entry per host the entries
 * expand to: `count` of each), or null when the scenario has no power
 * section. The scenario must have passed checkPowerAndCharging.
 */
export function powerModelsOf(s: Priced, hostCounts: readonly number[]): PowerModel[] | null {
  const power = s.power;
  if (power === undefined) return null;
  const byName = new Map(power.models.map((m) => [m.name, m]));
  return s.hosts.flatMap((h, i) => {
    const model = byName.get(h.power_model ?? power.default ?? '')!;
    return Array.from({ length: hostCounts[i] ?? 1 }, () => model);
  });
}
