import { specPowerCurve } from '../../../../src/model/specpower-curve.js';
import type { HostLoad, Resident, ServerLoad } from '../../../../src/operator/dynamic/types.js';

/** SPECpower tables of the benchmark's hosts, watts at 0 %, 10 %, ..., 100 % (CloudSim's PowerModelSpecPowerHpProLiantMl110G4Xeon3040 and ...G5Xeon3075). */
export const ML110_G4 = [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117].map((w, k) => [k / 10, w] as const);
export const ML110_G5 = [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135].map((w, k) => [k / 10, w] as const);
export const G4_WATTS = specPowerCurve(ML110_G4);
export const G5_WATTS = specPowerCurve(ML110_G5);

/** A server of one vCPU; `requested` in MIPS. */
export function aServer(id: number, requested: number, over: Partial<ServerLoad> = {}): ServerLoad {
  return { id, vcpus: 1, speed: 2500, ramMb: 870, ramClaimMb: 0, requested, history: [], migrating: false, ...over };
}

/** A benchmark host (G4: 2 x 1860 MIPS, G5: 2 x 2660) holding `servers`, its last utilisation what they asked of it. */
export function aHost(id: number, type: 'G4' | 'G5', servers: readonly (ServerLoad | Resident)[] = []): HostLoad {
  const coreSpeed = type === 'G4' ? 1860 : 2660;
  const residents = servers.map((s) => ('server' in s ? s : { server: s, role: 'none' as const }));
  const asked = residents.reduce((sum, r) => sum + r.server.requested * r.server.vcpus, 0);
  return {
    id,
    cpu: { cores: 2, coreSpeed },
    ramMb: 4096,
    utilisation: asked / (2 * coreSpeed),
    watts: type === 'G4' ? G4_WATTS : G5_WATTS,
    servers: residents,
  };
}
