import { describe, expect, it } from 'vitest';
import { statusOf, STATUSES, type Status } from '../../../src/lifecycle/status.js';
import { TASK_STATES, VM_STATES, type TaskState, type VmState } from '../../../src/model/states.js';

/**
 * Nova's _STATE_MAP (nova/api/openstack/common.py), written out from
 * research/nova/action-rules.md §2, independently of src/lifecycle/status.ts.
 */
const REBOOT = ['rebooting', 'reboot_pending', 'reboot_started'] as const;
const HARD_REBOOT = ['rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard'] as const;
const REBUILD = ['rebuilding', 'rebuild_block_device_mapping', 'rebuild_spawning'] as const;
const RESIZE = ['resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish'] as const;

const to = (status: Status, tasks: readonly string[]): Record<string, Status> =>
  Object.fromEntries(tasks.map((t) => [t, status]));

const NOVA_STATE_MAP: Record<VmState, { default: Status; tasks: Record<string, Status> }> = {
  active: {
    default: 'ACTIVE',
    tasks: {
      ...to('REBOOT', REBOOT),
      ...to('HARD_REBOOT', HARD_REBOOT),
      updating_password: 'PASSWORD',
      ...to('REBUILD', REBUILD),
      migrating: 'MIGRATING',
      ...to('RESIZE', RESIZE),
    },
  },
  building: { default: 'BUILD', tasks: {} },
  stopped: { default: 'SHUTOFF', tasks: { ...to('RESIZE', RESIZE), ...to('REBUILD', REBUILD) } },
  // resize_confirming -> CONFIRMING_RESIZE is commented out in Nova: confirming shows VERIFY_RESIZE.
  resized: { default: 'VERIFY_RESIZE', tasks: { resize_reverting: 'REVERT_RESIZE' } },
  paused: { default: 'PAUSED', tasks: { migrating: 'MIGRATING' } },
  suspended: { default: 'SUSPENDED', tasks: {} },
  rescued: { default: 'RESCUE', tasks: {} },
  error: { default: 'ERROR', tasks: to('REBUILD', REBUILD) },
  deleted: { default: 'DELETED', tasks: {} },
  'soft-delete': { default: 'SOFT_DELETED', tasks: {} },
  shelved: { default: 'SHELVED', tasks: {} },
  shelved_offloaded: { default: 'SHELVED_OFFLOADED', tasks: {} },
};

const overrides = Object.entries(NOVA_STATE_MAP).flatMap(([vm, row]) =>
  Object.entries(row.tasks).map(([task, status]) => [vm as VmState, task as TaskState, status] as const),
);

const fallbacks = VM_STATES.flatMap((vm) =>
  [null, ...TASK_STATES]
    .filter((task) => task === null || !(task in NOVA_STATE_MAP[vm].tasks))
    .map((task) => [vm, task, NOVA_STATE_MAP[vm].default] as const),
);

describe('statusOf: Nova _STATE_MAP', () => {
  it('the hand-written map covers every vm_state and the listed task_states exist', () => {
    expect(Object.keys(NOVA_STATE_MAP).sort()).toEqual([...VM_STATES].sort());
    for (const [, task] of overrides) expect(TASK_STATES).toContain(task);
    // active 15, stopped 7, resized 1, paused 1, error 3
    expect(overrides).toHaveLength(27);
  });

  it.each(overrides)('%s + %s -> %s (task_state override)', (vm, task, status) => {
    expect(statusOf(vm, task)).toBe(status);
  });

  it.each(fallbacks)('%s + %s -> %s (vm_state default)', (vm, task, status) => {
    expect(statusOf(vm, task)).toBe(status);
  });

  it.each([
    ['active', 'pausing', 'ACTIVE'],
    ['active', 'image_snapshot', 'ACTIVE'],
    ['active', 'deleting', 'ACTIVE'],
    ['active', 'powering-off', 'ACTIVE'],
    ['stopped', 'powering-on', 'SHUTOFF'],
    ['shelved', 'shelving_offloading', 'SHELVED'],
    ['shelved_offloaded', 'unshelving', 'SHELVED_OFFLOADED'],
    ['resized', 'resize_confirming', 'VERIFY_RESIZE'],
    ['paused', 'rebooting_hard', 'PAUSED'],
    ['error', 'resize_prep', 'ERROR'],
  ] as const)('research examples: %s + %s -> %s', (vm, task, status) => {
    expect(statusOf(vm, task)).toBe(status);
  });

  it('gives UNKNOWN for a vm_state Nova has no row for', () => {
    expect(statusOf('bogus' as VmState, null)).toBe('UNKNOWN');
    expect(statusOf('bogus' as VmState, 'rebooting')).toBe('UNKNOWN');
    expect(statusOf('' as VmState, 'migrating')).toBe('UNKNOWN');
  });

  it('only ever returns a listed status', () => {
    for (const vm of VM_STATES) for (const task of [null, ...TASK_STATES]) expect(STATUSES).toContain(statusOf(vm, task));
  });
});
