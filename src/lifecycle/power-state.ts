import type { PowerState, VmState } from '../model/states.js';

/**
 * The power_state the hypervisor reports once a server has settled in
 * `vmState`; `current` is kept where the vm_state does not decide it (a
 * resized server runs only if it ran before; ERROR says nothing of power).
 */
export function settledPowerState(vmState: VmState, current: PowerState): PowerState {
  switch (vmState) {
    case 'active':
    case 'rescued':
      return 'running';
    case 'paused':
      return 'paused';
    case 'suspended':
      return 'suspended';
    case 'stopped':
    case 'shelved':
    case 'soft-delete':
      return 'shutdown';
    case 'building':
    case 'shelved_offloaded':
    case 'deleted':
      return 'pending';
    case 'resized':
    case 'error':
      return current;
  }
}
