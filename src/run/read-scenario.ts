/**
 * Reading a scenario, the one way every entry point does it (novasim run,
 * validate, sweep, the library): bounded text, overrides, the seed, the
 * whole validation, and every problem as one InputError.
 */
import { parseSeed, SEED_MAX } from '../scenario/bounds.js';
import { parseOverride, type Override } from '../scenario/overrides.js';
import { formatErrors } from '../scenario/parse.js';
import type { Scenario } from '../scenario/schema.js';
import { isCheckedScenario, loadScenario, loadScenarioValue, type Loaded } from '../scenario/validate.js';
import { InputError } from './input-error.js';
import { checkOutputs, outputOverride } from './outputs/selection.js';
import { readTextFile } from './text-file.js';

/** Where a scenario comes from and what is changed on the way in. */
export interface ScenarioRequest {
  /** The scenario file (or, for a scenario given as text or a value, the name messages use). */
  readonly file: string;
  /** `path=value` overrides, as `--set` gives them. */
  readonly set?: readonly string[] | undefined;
  /** The seed, as `--seed` gives it (text) or a caller does (a number). */
  readonly seed?: string | number | undefined;
  /** Overrides already parsed (a sweep's matrix point), applied after `set`. */
  readonly overrides?: readonly Override[] | undefined;
  /** `name=value` choices of output files, as `--outputs` gives them (see outputs: in the scenario). */
  readonly outputs?: readonly string[] | undefined;
  /** The largest file read, in MiB (default MAX_INPUT_MB). */
  readonly maxFileMb?: number | undefined;
}

/** What the run layer checks besides the scenario's own rules: `outputs:` names files of its registry. */
const RUN_CHECKS = [checkOutputs];

/** Reads and checks the scenario file; InputError listing every problem. */
export function readScenario(request: ScenarioRequest): Scenario {
  return checked(loadScenario(request.file, readTextFile(request.file, 'scenario file', request.maxFileMb), overridesOf(request), RUN_CHECKS));
}

/**
 * A scenario given as text (YAML or JSON) or as a value shaped like the
 * file: the same checks as a file. A Scenario that loadScenario already
 * checked is taken as it is (overrides then apply to text only).
 */
export function scenarioOf(input: unknown, request: ScenarioRequest): Scenario {
  if (isCheckedScenario(input)) {
    if (overridesOf(request).length > 0) throw new InputError('seed and set apply to scenario text or values; change the loaded Scenario object instead');
    const problems = checkOutputs(input);
    if (problems.length > 0) throw new InputError(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
    return input;
  }
  const loaded =
    typeof input === 'string' ? loadScenario(request.file, input, overridesOf(request), RUN_CHECKS) : loadScenarioValue(request.file, input, overridesOf(request), RUN_CHECKS);
  return checked(loaded);
}

function checked(loaded: Loaded): Scenario {
  if (!loaded.ok) throw new InputError(formatErrors(loaded.errors, loaded.omitted));
  return loaded.scenario;
}

/** The request's `--set` texts, matrix overrides and seed as overrides, in that order; InputError on a bad one. */
export function overridesOf(request: ScenarioRequest): Override[] {
  const overrides: Override[] = [];
  for (const text of request.set ?? []) {
    const o = parseOverride(text);
    if (typeof o === 'string') throw new InputError(o);
    overrides.push(o);
  }
  for (const text of request.outputs ?? []) {
    const o = outputOverride(text);
    if (typeof o === 'string') throw new InputError(o);
    overrides.push(o);
  }
  overrides.push(...(request.overrides ?? []));
  if (request.seed !== undefined) {
    const seed = checkedSeed(request.seed);
    overrides.push({ path: ['seed'], value: seed, text: `seed=${seed}` });
  }
  return overrides;
}

function checkedSeed(seed: string | number): number {
  if (typeof seed === 'number') {
    if (Number.isSafeInteger(seed) && seed >= 0) return seed;
    throw new InputError(`--seed: expected a whole number from 0 to ${SEED_MAX}, got ${seed}`);
  }
  const parsed = parseSeed(seed);
  if (typeof parsed === 'string') throw new InputError(`--seed: ${parsed}`);
  return parsed;
}
