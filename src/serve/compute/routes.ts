import type { Reply } from '../http/exchange.js';
import type { Compute, ComputeCall } from './context.js';

/** A compute route's work: the served cloud and the request, to an answer. */
export type ComputeHandler = (c: Compute, call: ComputeCall) => Reply;

/** One route: method, path under /compute/v2.1, handler. */
export interface ComputeRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: ComputeHandler;
}

export const route = (method: string, path: string, handler: ComputeHandler): ComputeRoute => ({ method, path, handler });
