import { bool, def, duration, INVALID, num, obj, oneOf, opt, req, type Issue, type Spec } from './spec.js';

/**
 * The operator workflows' part of the scenario's `operator:` section:
 * `maintenance` (how drains move servers: drain_host, rolling updates and
 * consolidation share it), `rolling_update` and `optimisation`; and their
 * cross-checks. `timeOfDay` and `name` are the scenario's own specs
 * (passed in: schema.ts imports this file).
 */
export function operatorWorkflowFields(timeOfDay: Spec<number>, name: Spec<string>) {
  const maintenance = obj({
    max_parallel_moves: def(
      num({ min: 0, integer: true }),
      1,
      "moves one drain runs at once (1: one after another, as Nova's max_concurrent_live_migrations default runs them); 0 requests them all at once",
    ),
    retry_delay: def(duration({ min: 1 }), 600, 'wait before a failed move (NoValidHost) is tried again'),
    max_attempts: def(num({ min: 1, integer: true }), 3, 'tries per server and drain, the first included; then it stays where it is'),
  });
  const rollingUpdate = obj({
    start: def(duration(), 0, 'when the rolling update begins'),
    pool_size: def(num({ min: 1, integer: true }), 1, 'hosts out of service at once (being drained or updated)'),
    update_duration: req(duration(), 'how long one empty host takes to update and reboot'),
    order: def(oneOf(['file', 'least_loaded'] as const), 'file' as 'file' | 'least_loaded', 'next host: file (host order) or least_loaded (fewest servers then)'),
    inactive: def(oneOf(['migrate', 'stay'] as const), 'migrate' as 'migrate' | 'stay', 'stopped servers: cold-migrate them, or let them stay through the reboot'),
  });
  const optimisation = obj({
    mode: req(oneOf(['consolidate', 'spread', 'none'] as const), 'consolidate (fewest hosts, empty ones switched off), spread (least contention) or none'),
    every: def(duration({ min: 1 }), 86_400, 'time between runs (default 1d)'),
    at: def(timeOfDay, 0, 'the time of day of the first run, on day 0 (default 00:00)'),
    migration_budget: def(num({ min: 0, integer: true }), 20, 'moves one run may request'),
    power_off_empty: def(bool(), true, 'consolidate: switch the hosts it empties off'),
    min_headroom: def(num({ min: 0, integer: true }), 1, 'consolidate: servers of headroom_flavor that must still fit; below, a switched-off host is switched on'),
    headroom_flavor: opt(name, 'the flavor headroom is counted in (default: the one with the most RAM)'),
  });
  return {
    maintenance: def(maintenance, maintenance.parse({}, [], []) as Exclude<ReturnType<typeof maintenance.parse>, typeof INVALID>, 'how operators move servers off a host (drain_host, rolling_update, consolidation)'),
    rolling_update: opt(rollingUpdate, 'update every host, a pool of hosts at a time (the seed\'s rolling update)'),
    optimisation: opt(optimisation, 'periodic resource optimisation with a migration budget'),
  };
}

/** The parts of a scenario the checks read. */
interface Checked {
  readonly duration: number;
  readonly flavors: readonly { readonly name: string }[];
  readonly operator: {
    readonly rolling_update?: { readonly start: number; readonly pool_size: number } | undefined;
    readonly optimisation?: { readonly at: number; readonly headroom_flavor: string | undefined } | undefined;
  };
}

/** A rolling update leaves some host in service and starts within the run; the headroom flavor exists. */
export function checkOperatorWorkflows(s: Checked, hostCount: number): Issue[] {
  const issues: Issue[] = [];
  const rolling = s.operator.rolling_update;
  const at = (...path: string[]) => ['operator', ...path];
  if (rolling !== undefined && rolling.pool_size >= hostCount)
    issues.push({ path: at('rolling_update', 'pool_size'), message: `expected fewer than the ${hostCount} hosts (some must stay in service)` });
  if (rolling !== undefined && rolling.start > s.duration)
    issues.push({ path: at('rolling_update', 'start'), message: `expected a time within the scenario's duration (${s.duration}s)` });
  const flavor = s.operator.optimisation?.headroom_flavor;
  if (flavor !== undefined && !s.flavors.some((f) => f.name === flavor))
    issues.push({ path: at('optimisation', 'headroom_flavor'), message: `unknown flavor '${flavor}'; known: ${s.flavors.map((f) => f.name).join(', ')}` });
  return issues;
}
