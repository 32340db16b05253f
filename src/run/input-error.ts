/** Exit codes: 0 success, 1 a run that failed, 2 input that is not valid; 130 and 143 after SIGINT and SIGTERM. */
export const EXIT = { ok: 0, failed: 1, invalid: 2, interrupted: 130, terminated: 143 } as const;

/** Input the user can fix (a scenario, a flag, a module, a path): reported as one message, exit 2, no stack trace. */
export class InputError extends Error {}

/**
 * An operation that could not be done although the input is fine (another
 * run holds the folder, a plug-in hung, a file system refused a write):
 * reported as one message, exit 1, no stack trace.
 */
export class OperationError extends Error {}
