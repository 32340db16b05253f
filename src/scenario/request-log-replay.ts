import type { Nova } from '../cloud/nova.js';
import type { Simulator } from '../engine/simulator.js';
import { StreamedTimeline } from '../workload/streamed-timeline.js';
import type { Scripted } from '../workload/timeline.js';
import { loggedActions, type KnownNames } from './request-log.js';
import { isTraceWorkload, type Scenario } from './schema.js';
import { actionsFileWorkload } from './trace-workload.js';
import { scriptedCalls, type OperatorCommands } from './scripted-actions.js';
import { hostNames } from './validate.js';

/**
 * Replays each `requests` trace of the scenario into Nova, row by row as
 * the run reaches it (the log is never all in memory): a row is played as
 * the same `actions:` entry would be. Validation has read every log
 * through, so a row here is one the checks passed.
 */
export function replayRequestLogs(sim: Simulator, scenario: Scenario, nova: Nova, operators: OperatorCommands): void {
  const known: KnownNames = {
    flavors: new Set(scenario.flavors.map((f) => f.name)),
    images: new Set(scenario.images.map((i) => i.name)),
    projects: new Set(scenario.projects.map((p) => p.name)),
    hosts: new Set(scenario.hosts.flatMap(hostNames)),
  };
  const logs = scenario.workload.filter(isTraceWorkload);
  if (scenario.actions_file !== undefined) logs.push(actionsFileWorkload(scenario.actions_file));
  for (const w of logs) {
    if (w.trace.format !== 'requests') continue;
    new StreamedTimeline(sim, calls(w.trace.file, known, nova, operators), `requests/${w.name}`).start();
  }
}

function* calls(file: string, known: KnownNames, nova: Nova, operators: OperatorCommands): Generator<Scripted, void, undefined> {
  for (const { entry } of loggedActions(file, known)) yield* scriptedCalls([entry], nova, operators);
}
