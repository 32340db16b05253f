import type { Cloud } from '../cloud/cloud.js';
import type { OperatorAction, Workflow } from '../cloud/fact-names.js';
import type { Outcome } from '../cloud/facts.js';
import type { Host } from '../model/host.js';
import type { Server } from '../model/server.js';

/** A step an operator workflow took, as its fact tells it. */
export interface Step {
  readonly action: OperatorAction;
  readonly outcome: Outcome;
  /** What happened, in words; events.csv shows it after the workflow's name. */
  readonly detail: string;
  /** The server the step is about, for steps about one server. */
  readonly server?: Server;
}

/** Tells the run's outputs that `workflow` took `step` on `host`: one events.csv row about the host. */
export function tellStep(cloud: Cloud, workflow: Workflow, host: Host, step: Step): void {
  const { action, outcome, detail } = step;
  cloud.facts.emit({ type: 'operator', time: cloud.now, host: host.id, action, outcome, workflow, detail, server: step.server?.id ?? null });
}
