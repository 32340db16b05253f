/**
 * A watchdog for plug-in policies. A policy is a researcher's code and may
 * loop for ever; JavaScript cannot interrupt a loop on its own thread, so a
 * run that loads a plug-in goes on a worker thread, and the thread that
 * started it watches: the worker marks, in memory both threads share, when
 * a call into the plug-in began and what it was asked; the watcher stops
 * the worker once a call (or the module's loading) has taken longer than
 * its limit. The same shared memory carries the run's progress.
 */
import type { Scenario } from '../scenario/schema.js';
import { isIndexed, type PlacementPolicy } from '../scheduling/policy.js';
import { OperationError } from './input-error.js';
import type { PlacementRequest } from '../scheduling/types.js';

const CALL_STARTED = 0; // wall ms since the epoch; 0 while no call runs
const NOW = 1; // simulated seconds
const END = 2;
const EVENTS = 3;
const LABEL_LENGTH = 4;
const LIMIT = 5; // seconds the call now running may take
const NUMBERS = 6;
const LABEL_BYTES = 240;

/** The memory a run's worker and its watcher share. */
export const watchMemory = (): SharedArrayBuffer => new SharedArrayBuffer(NUMBERS * 8 + LABEL_BYTES);

/** Wall time common to every thread (performance.now() counts from each thread's own start). */
const wallMs = (): number => performance.timeOrigin + performance.now();

/** The worker's side: marks calls and progress. */
export class WatchMarks {
  readonly #numbers: Float64Array;
  readonly #label: Uint8Array;
  readonly #encoder = new TextEncoder();

  constructor(memory: SharedArrayBuffer) {
    this.#numbers = new Float64Array(memory, 0, NUMBERS);
    this.#label = new Uint8Array(memory, NUMBERS * 8, LABEL_BYTES);
  }

  /** A call into the plug-in begins, allowed `limitSeconds`; `label` says what it was asked (shown if it never returns). */
  enter(label: string, limitSeconds: number): void {
    this.#numbers[LABEL_LENGTH] = this.#encoder.encodeInto(label, this.#label).written;
    this.#numbers[LIMIT] = limitSeconds;
    this.#numbers[CALL_STARTED] = wallMs();
  }

  leave(): void {
    this.#numbers[CALL_STARTED] = 0;
  }

  progress(now: number, end: number, events: number): void {
    this.#numbers[NOW] = now;
    this.#numbers[END] = end;
    this.#numbers[EVENTS] = events;
  }
}

/** The watcher's side: reads what the worker marked. */
export class WatchReader {
  readonly #numbers: Float64Array;
  readonly #label: Uint8Array;

  constructor(memory: SharedArrayBuffer) {
    this.#numbers = new Float64Array(memory, 0, NUMBERS);
    this.#label = new Uint8Array(memory, NUMBERS * 8, LABEL_BYTES);
  }

  /** The call running past its limit: its label and the limit; undefined when none is. */
  overdue(): { label: string; limitSeconds: number } | undefined {
    const started = this.#numbers[CALL_STARTED]!;
    const limitSeconds = this.#numbers[LIMIT]!;
    if (started === 0 || wallMs() - started <= limitSeconds * 1000) return undefined;
    return { label: new TextDecoder().decode(this.#label.slice(0, this.#numbers[LABEL_LENGTH]!)), limitSeconds };
  }

  /** The call running now, however long it has run; undefined when none is. */
  current(): string | undefined {
    if (this.#numbers[CALL_STARTED] === 0) return undefined;
    return new TextDecoder().decode(this.#label.slice(0, this.#numbers[LABEL_LENGTH]!));
  }

  get progress(): { now: number; end: number; events: number } {
    return { now: this.#numbers[NOW]!, end: this.#numbers[END]!, events: this.#numbers[EVENTS]! };
  }
}

/**
 * The policy with every call into it (select, or choose for a policy that
 * asks the host index) marked. `describe` names a request for the watcher's
 * message (the server's name, which the policy's request holds only as an id).
 */
export function watchedPolicy(
  policy: PlacementPolicy,
  marks: WatchMarks,
  limitSeconds: number,
  describe: (request: PlacementRequest) => string,
): PlacementPolicy {
  const marked = <T>(request: PlacementRequest, call: () => T): T => {
    marks.enter(describe(request), limitSeconds);
    try {
      return call();
    } finally {
      marks.leave();
    }
  };
  if (isIndexed(policy)) return { name: policy.name, choose: (request, candidates, context) => marked(request, () => policy.choose(request, candidates, context)) };
  return { name: policy.name, select: (request, candidates, context) => marked(request, () => policy.select(request, candidates, context)) };
}

/** The error that stops a run whose plug-in policy passed a limit. */
export function stuckPlugin(scenario: Scenario, label: string, limitSeconds: number): OperationError {
  const module = scenario.scheduler.module ?? '(no module)';
  const what = label.startsWith('loading')
    ? `did not finish loading within ${limitSeconds} s (raise run_limits.plugin_load_seconds if it needs longer)`
    : `did not return within ${limitSeconds} s for ${label} (raise run_limits.plugin_call_seconds if it needs longer)`;
  return new OperationError(`the plug-in policy ${module} ${what}; stopped`);
}
