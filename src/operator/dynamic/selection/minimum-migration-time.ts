import { firstMinimum, movable, type ServerSelector } from './selector.js';

/**
 * MMT: the server that moves fastest, the one with the least RAM (every
 * server has the same bandwidth in the benchmark, so RAM decides).
 */
export function minimumMigrationTime(): ServerSelector {
  return { name: 'MMT', select: (residents) => firstMinimum(movable(residents), (s) => s.ramMb) };
}
