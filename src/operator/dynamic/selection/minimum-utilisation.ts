import { firstMinimum, movable, type ServerSelector } from './selector.js';

/** MU: the server using the smallest fraction of its own CPU now (computed as CloudSim does: MIPS used / MIPS). */
export function minimumUtilisation(): ServerSelector {
  return { name: 'MU', select: (residents) => firstMinimum(movable(residents), (s) => s.requested / s.speed) };
}
