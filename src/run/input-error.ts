/** Exit codes: 0 success, 1 a run that failed, 2 input that is not valid. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

/** Input the user can fix (a scenario, a flag, a module): reported as one message, exit 2, no stack trace. */
export class InputError extends Error {}
