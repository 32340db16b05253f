/**
 * An example plug-in placement policy: "least loaded by project".
 *
 * Each new server goes to the candidate host that holds the fewest servers
 * of the request's project; among hosts with as few, to the one with the
 * most free RAM (as Placement counts it: capacity after allocation ratio
 * and reserved memory, less the claims); among those, to the first in host
 * order. It spreads every customer's servers over as many hosts as it can,
 * so one host failure takes out as few of one project's servers as
 * possible, whether or not the customer asked for a server group.
 *
 * Use it from a scenario:
 *
 *   scheduler: { policy: plugin, module: policies/least-loaded.ts }
 *
 * or on the command line, for any scenario in this folder:
 *
 *   novasim run scenarios/policy-comparison.yaml \
 *     --set scheduler.policy=plugin --set scheduler.module=policies/least-loaded.ts
 *
 * The module path is relative to the scenario file. A .ts module is loaded
 * through tsx, so it needs no build step; the `import type` lines below are
 * erased when it loads and are there for the editor and for
 * `npm run typecheck`, which checks this file against the interface. (A
 * policy kept outside this repository may import the same types from the
 * novasim package, or drop them: tsx does not check types.)
 *
 * What a policy is given, and what it must respect:
 *  - `candidates` are the hosts that passed Placement's resource query and
 *    the scenario's enabled filters (compute service up and enabled, the
 *    availability zone asked for, server group rules, aggregate extra
 *    specs), in host order. Any of them is a valid answer; returning a host
 *    that is not among them stops the run with an error.
 *  - Return null to refuse: the request ends in NoValidHost.
 *  - The hosts are read-only views: never change them. The cloud claims the
 *    resources itself once the policy has chosen.
 *  - Draw randomness only from `context.rng`, never Math.random, so that a
 *    run repeats byte for byte from its seed.
 *  - A plug-in returns one host and no alternates: when a build fails on
 *    the chosen host (a host's build_failure_probability), there is no
 *    other host to reschedule to, and the server goes to ERROR.
 *  - The filter scheduler's weighers (soft group policies, failed builds)
 *    are not applied: a plug-in's choice replaces weighing altogether.
 */
import type { PlacementPolicy, PolicyContext } from '../../src/scheduling/policy.js';
import type { HostView, PlacementRequest } from '../../src/scheduling/types.js';

/** Placement's free RAM on a host (MB): what a flavor's ram_mb must fit in. */
const freeRamMb = (host: HostView): number => host.capacity.ramMb - host.used.ramMb;

const leastLoaded: PlacementPolicy = {
  // Shown as `policy` in placements.jsonl and by `novasim explain`.
  name: 'least-loaded',

  select(request: PlacementRequest, candidates: readonly HostView[], context: PolicyContext): HostView | null {
    let best: HostView | null = null;
    let bestCount = Infinity;
    let bestFree = -Infinity;
    // One pass in host order; a strict comparison keeps the earlier host on a full tie.
    for (const host of candidates) {
      const count = context.projectServersOn(request.project, host.id);
      const free = freeRamMb(host);
      if (count < bestCount || (count === bestCount && free > bestFree)) {
        best = host;
        bestCount = count;
        bestFree = free;
      }
    }
    return best; // null only when there are no candidates: NoValidHost
  },
};

export default leastLoaded;
