/**
 * A host's power as CloudSim's PowerModelSpecPower computes it from a
 * SPECpower table: watts measured at 0 %, 10 %, ..., 100 % load, linear in
 * between, in CloudSim's own arithmetic (p1 + (p2 - p1) / 10 x (u - k / 10)
 * x 100), so PABFD's comparisons of power rises tie and break as they do
 * there. The table is the power model's points; loads outside [0, 1] are
 * refused as CloudSim refuses them.
 */
export function specPowerCurve(points: readonly (readonly [number, number])[]): (utilisation: number) => number {
  if (points.length !== 11 || points.some(([u], k) => Math.abs(u - k / 10) > 1e-12))
    throw new RangeError('a SPECpower table has 11 points, at 0, 0.1, ..., 1');
  const watts = points.map(([, w]) => w);
  return (utilisation) => {
    if (!(utilisation >= 0 && utilisation <= 1)) throw new RangeError(`utilisation must be between 0 and 1, got ${utilisation}`);
    if (utilisation % 0.1 === 0) return watts[Math.trunc(utilisation * 10)]!;
    const k1 = Math.floor(utilisation * 10);
    const k2 = Math.ceil(utilisation * 10);
    const p1 = watts[k1]!;
    const delta = (watts[k2]! - p1) / 10;
    return p1 + delta * (utilisation - k1 / 10) * 100;
  };
}

/** True when a power model's points form a SPECpower table (11 points at every 10 %). */
export const isSpecPowerTable = (points: readonly (readonly [number, number])[]): boolean =>
  points.length === 11 && points.every(([u], k) => Math.abs(u - k / 10) <= 1e-12);
