/**
 * admit against Nova's rules, written out here from Nova's API code
 * (nova/api/openstack/compute/*.py at the pinned commit: which exception
 * each controller maps to 400, 403, 404 or 409, and its text) independently
 * of the rows in src/lifecycle/server-actions.ts.
 */
import { describe, expect, it } from 'vitest';
import { admit, ALREADY_DELETING, type Admission, type SubmittedRequest } from '../../../src/lifecycle/admit.js';
import type { AdmissionView } from '../../../src/lifecycle/checks.js';
import { ACTIONS, type RuleName } from '../../../src/lifecycle/server-actions.js';
import { ACTION_NAMES, REQUESTS, type ActionName } from '../../../src/lifecycle/requests.js';
import { NOVA_SERVER_LIMITS, UNLIMITED_QUOTA, type ProjectQuota, type QuotaUsage } from '../../../src/model/compute-limits.js';
import { makeHost, type Host } from '../../../src/model/host.js';
import { Inventory } from '../../../src/model/inventory.js';
import type { Server } from '../../../src/model/server.js';
import type { VmState } from '../../../src/model/states.js';
import { zero } from '../../../src/model/resources.js';

type Submittable = Exclude<ActionName, 'create'>;
const NOW = 1000;

/** One server `vm` (m1.small, launched, active) on compute-1 of three hosts, and the view admit reads. */
function world(vmState: VmState = 'active') {
  const inventory = new Inventory();
  const small = inventory.addFlavor({ name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 });
  const large = inventory.addFlavor({ name: 'm1.large', vcpus: 4, ramMb: 8192, diskGb: 80 });
  const image = inventory.addImage({ name: 'cirros', sizeGb: 1 });
  inventory.addImage({ name: 'ubuntu', sizeGb: 3 });
  const project = inventory.addProject('p');
  const [c1, c2] = ['compute-1', 'compute-2', 'compute-3'].map((name) =>
    inventory.addHost((id) => makeHost(id, name, { vcpus: 8, ramMb: 16384, diskGb: 200 }, zero(), { vcpus: 1, ramMb: 1, diskGb: 1 })),
  ) as [Host, Host, Host];
  const server: Server = inventory.addServer('vm', project.id, small, image, 0);
  Object.assign(server, { vmState, taskState: null, launchedAt: 10, host: c1.id });
  let quota: ProjectQuota = UNLIMITED_QUOTA;
  let usage: QuotaUsage = { instances: 1, cores: 1, ram: 2048 };
  let metadata: Map<string, string> | undefined;
  const view = (more: Partial<AdmissionView> = {}): AdmissionView => ({
    now: NOW,
    server,
    softDeletes: false,
    limits: NOVA_SERVER_LIMITS,
    host: (id) => inventory.host(id),
    hostNamed: (name) => inventory.hostNamed(name),
    flavor: (name) => inventory.flavors.get(name),
    image: (name) => inventory.images.get(name),
    quota: () => ({ quota, usage }),
    metadata: () => metadata,
    ...more,
  });
  const setQuota = (q: Partial<ProjectQuota>, u: Partial<QuotaUsage> = {}): void => {
    quota = { ...quota, ...q };
    usage = { ...usage, ...u };
  };
  const setMetadata = (m: Record<string, string>): void => {
    metadata = new Map(Object.entries(m));
  };
  return { inventory, server, small, large, c1, c2, view, setQuota, setMetadata };
}

const ask = (action: Submittable, body: Partial<Omit<SubmittedRequest, 'action' | 'server'>> = {}, asAdmin = false): SubmittedRequest =>
  ({ action, server: 'vm', asAdmin, ...body }) as SubmittedRequest;

/** The refusal's status and text, or 'ok'. */
const verdict = (a: Admission): 'ok' | [number, string] => (a.ok ? 'ok' : [a.refusal.status, a.refusal.message]);

const UUID = (s: Server) => s.uuid;
const invalidBody = (root: string, key: string) => `Invalid input for field/attribute ${root}. '${key}' is a required property`;

describe('admit: required body fields (400, from the request schemas in nova/api/openstack/compute/schemas)', () => {
  /** Nova's required properties of each action body novasim models; the server is the URL's. */
  const REQUIRED: Partial<Record<Submittable, readonly [field: string, root: string, key: string][]>> = {
    resize: [['flavor', 'resize', 'flavorRef']],
    backup: [['backup_type', 'createBackup', 'backup_type'], ['rotation', 'createBackup', 'rotation']],
    set_admin_password: [['admin_pass', 'changePassword', 'adminPass']],
    update_metadata: [['metadata', 'metadata', 'metadata']],
    set_metadata: [['metadata', 'metadata', 'metadata']],
  };
  const COMPLETE: Partial<Record<Submittable, Record<string, unknown>>> = {
    resize: { flavor: 'm1.large' },
    backup: { backup_type: 'daily', rotation: 2 },
    set_admin_password: { admin_pass: 'Any-Passw0rd' },
    update_metadata: { metadata: { a: '1' } },
    set_metadata: { metadata: { a: '1' } },
  };

  it('the request table requires exactly these fields', () => {
    const required = Object.entries(REQUESTS).flatMap(([action, shape]) =>
      Object.entries(shape).filter(([field, f]) => f.required && field !== 'server' && action !== 'create').map(([field]) => `${action}.${field}`),
    );
    expect(required.sort()).toEqual(Object.entries(REQUIRED).flatMap(([a, fields]) => fields!.map(([f]) => `${a}.${f}`)).sort());
  });

  const cases = Object.entries(REQUIRED).flatMap(([action, fields]) => fields!.map(([field, root, key]) => [action as Submittable, field, root, key] as const));
  it.each(cases)('%s without %s: 400 naming %s.%s, before policy, lock or state', (action, field, root, key) => {
    const w = world('error');
    w.server.locked = true;
    const body = { ...COMPLETE[action] };
    delete body[field];
    expect(verdict(admit(w.view(), ask(action, body, false)))).toEqual([400, invalidBody(root, key)]);
  });

  it('the other actions need nothing but the server', () => {
    for (const action of ACTION_NAMES.filter((a): a is Submittable => a !== 'create' && REQUIRED[a as Submittable] === undefined)) {
      const result = admit(world().view(), ask(action, {}, true));
      expect(result.ok ? '' : result.refusal.message, action).not.toContain('is a required property');
    }
  });
});

describe('admit: body values (400)', () => {
  it.each([
    ['update_server', { access_ip_v4: '2001:db8::1' }, "Invalid input for field/attribute accessIPv4. Value: 2001:db8::1. '2001:db8::1' is not a 'ipv4'"],
    ['update_server', { access_ip_v6: '10.0.0.1' }, "Invalid input for field/attribute accessIPv6. Value: 10.0.0.1. '10.0.0.1' is not a 'ipv6'"],
    ['update_metadata', { metadata: { '': 'v' } }, 'Invalid metadata: Metadata property key blank'],
    ['rebuild', { metadata: { k: 'v'.repeat(256) } }, 'Invalid metadata size: Metadata property value greater than 255 characters'],
    ['rebuild', { personality: [{ path: '/x', contents: 'not base64!' }] }, 'Personality content for /x cannot be decoded'],
  ] as const)('%s with %j', (action, body, text) => {
    expect(verdict(admit(world().view(), ask(action, body)))).toEqual([400, text]);
  });

  it('a field the action does not take is left out, not checked', () => {
    expect(admit(world().view(), ask('reboot', { metadata: { '': 'v' } })).ok).toBe(true);
  });
});

describe('admit: policy (403), lock and state (409), through the whole admission', () => {
  const ADMIN_ONLY: Partial<Record<Submittable, string>> = {
    evacuate: 'os_compute_api:os-evacuate',
    migrate: 'os_compute_api:os-migrate-server:migrate',
    live_migrate: 'os_compute_api:os-migrate-server:migrate_live',
    shelve_offload: 'os_compute_api:os-shelve:shelve_offload',
    reset_state: 'os_compute_api:os-admin-actions:reset_state',
  };

  it.each(Object.entries(ADMIN_ONLY))('%s by a project member: 403 PolicyNotAuthorized', (action, policy) => {
    expect(verdict(admit(world().view(), ask(action as Submittable)))).toEqual([403, `Policy doesn't allow ${policy} to be performed.`]);
  });

  it('a locked server: 409 InstanceIsLocked for a member, passed by an admin', () => {
    const w = world();
    w.server.locked = true;
    expect(verdict(admit(w.view(), ask('pause')))).toEqual([409, `Instance ${UUID(w.server)} is locked`]);
    expect(admit(w.view(), ask('pause', {}, true)).ok).toBe(true);
  });

  it.each([
    ['pause', 'stopped', 'pause', 'vm_state stopped'],
    ['resize', 'paused', 'resize', 'vm_state paused'],
    ['confirm_resize', 'active', 'confirmResize', 'vm_state active'],
    ['start', 'active', 'os-start', 'vm_state active'],
    ['unshelve', 'active', 'unshelve', 'vm_state active'],
  ] as const)('%s in %s: 409 with the API method Nova names', (action, state, api, where) => {
    const w = world(state);
    expect(verdict(admit(w.view(), ask(action, action === 'resize' ? { flavor: 'm1.large' } : {})))).toEqual([
      409,
      `Cannot '${api}' instance ${UUID(w.server)} while it is in ${where}`,
    ]);
  });
});

describe('admit: check_instance_host (409)', () => {
  const resize = ask('resize', { flavor: 'm1.large' });

  it('resize, migrate, start and stop need a host: InstanceNotReady', () => {
    for (const [action, state, body, admin] of [
      ['resize', 'active', { flavor: 'm1.large' }, false], ['migrate', 'active', {}, true], ['start', 'stopped', {}, false], ['stop', 'active', {}, false],
    ] as const) {
      const w = world(state);
      w.server.host = null;
      expect(verdict(admit(w.view(), ask(action, body, admin))), action).toEqual([409, `Instance ${UUID(w.server)} is not ready`]);
    }
  });

  it('resize and migrate need the host UP or MAINTENANCE: ServiceUnavailable', () => {
    const w = world();
    w.c1.enabled = false; // MAINTENANCE
    expect(admit(w.view(), resize).ok).toBe(true);
    w.c1.enabled = true;
    w.c1.downSince = 0; // no heartbeat for service_down_time: UNKNOWN
    expect(verdict(admit(w.view(), resize))).toEqual([409, 'Service is unavailable at this time.']);
    w.c1.downSince = Number.POSITIVE_INFINITY;
    w.c1.forcedDown = true; // DOWN
    expect(verdict(admit(w.view(), ask('migrate', {}, true)))).toEqual([409, 'Service is unavailable at this time.']);
  });

  it('start and stop only need a host: a down service waits for init_host', () => {
    const w = world('stopped');
    w.c1.downSince = 0;
    expect(admit(w.view(), ask('start')).ok).toBe(true);
  });
});

describe("admit: each action's own checks", () => {
  it('resize: FlavorNotFound (400), CannotResizeToSameFlavor (400), OverQuota on the upsize (403)', () => {
    const w = world();
    expect(verdict(admit(w.view(), ask('resize', { flavor: 'm1.huge' })))).toEqual([400, 'Flavor m1.huge could not be found.']);
    expect(verdict(admit(w.view(), ask('resize', { flavor: 'm1.small' })))).toEqual([400, 'When resizing, instances must change flavor!']);
    w.setQuota({ cores: 2 }, { cores: 1 });
    expect(verdict(admit(w.view(), ask('resize', { flavor: 'm1.large' })))).toEqual([
      403,
      'Quota exceeded for cores: Requested 3, but already used 1 of 2 cores',
    ]);
  });

  it('confirm_resize and revert_resize: MigrationNotFound (400); a confirm needs the source service (409), a revert the quota (403)', () => {
    const w = world('resized');
    expect(verdict(admit(w.view(), ask('confirm_resize')))).toEqual([400, 'Instance has not been resized.']);
    expect(verdict(admit(w.view(), ask('revert_resize')))).toEqual([400, 'Instance has not been resized.']);
    Object.assign(w.server, { flavor: w.small });
    w.server.migration = {
      kind: 'resize', sourceHost: w.c2.id, destHost: w.c1.id, oldFlavor: w.large, newFlavor: w.small, priorVmState: 'active', switched: true, status: 'finished',
    };
    expect(admit(w.view(), ask('confirm_resize')).ok).toBe(true);
    w.c2.downSince = 0;
    expect(verdict(admit(w.view(), ask('confirm_resize')))).toEqual([409, 'Service is unavailable at this time.']);
    w.setQuota({ ram: 4096 }, { ram: 2048 });
    expect(verdict(admit(w.view(), ask('revert_resize')))).toEqual([403, 'Quota exceeded for ram: Requested 6144, but already used 2048 of 4096 ram']);
  });

  it('evacuate: ComputeServiceInUse (400) while the source counts as up, then the target: not found (404), the source itself (400)', () => {
    const w = world();
    expect(verdict(admit(w.view(), ask('evacuate', {}, true)))).toEqual([400, 'Compute service of compute-1 is still in use.']);
    w.c1.downSince = 0;
    expect(admit(w.view(), ask('evacuate', {}, true)).ok).toBe(true);
    expect(verdict(admit(w.view(), ask('evacuate', { host: 'compute-9' }, true)))).toEqual([404, 'Compute host compute-9 not found.']);
    expect(verdict(admit(w.view(), ask('evacuate', { host: 'compute-1' }, true)))).toEqual([400, "The target host can't be the same one."]);
  });

  it('live_migrate: ComputeHostNotFound (400), UnableToMigrateToSelf (400); the target is looked up for the conductor', () => {
    const w = world();
    expect(verdict(admit(w.view(), ask('live_migrate', { host: 'compute-9' }, true)))).toEqual([400, 'Compute host compute-9 could not be found.']);
    expect(verdict(admit(w.view(), ask('live_migrate', { host: 'compute-1' }, true)))).toEqual([
      400,
      `Unable to migrate instance (${UUID(w.server)}) to current host (compute-1).`,
    ]);
    const admitted = admit(w.view(), ask('live_migrate', { host: 'compute-2' }, true));
    expect(admitted.ok && admitted.named.target).toBe(w.c2);
  });

  it('rebuild: ImageNotFound (400), then the limits of what it carries (403)', () => {
    const w = world();
    expect(verdict(admit(w.view(), ask('rebuild', { image: 'fedora' })))).toEqual([400, 'Image fedora could not be found.']);
    const metadata = Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`k${i}`, 'v']));
    expect(verdict(admit(w.view(), ask('rebuild', { metadata })))).toEqual([403, 'Maximum number of metadata items exceeds 128']);
    const files = Array.from({ length: 6 }, (_, i) => ({ path: `/f${i}`, contents: 'aGk=' }));
    expect(verdict(admit(w.view(), ask('rebuild', { personality: files })))).toEqual([403, 'Personality file limit exceeded']);
  });

  it('backup of a volume-backed server: InvalidRequest (400)', () => {
    const w = world();
    w.server.bootFromVolume = true;
    expect(verdict(admit(w.view(), ask('backup', { backup_type: 'daily', rotation: 1 })))).toEqual([400, 'Backup is not supported for volume-backed instances.']);
  });

  it('restore: OverQuota (403) when the server would not fit again', () => {
    const w = world('soft-delete');
    w.setQuota({ instances: 1 }, { instances: 1 });
    expect(verdict(admit(w.view(), ask('restore')))).toEqual([403, 'Quota exceeded for instances: Requested 1, but already used 1 of 1 instances']);
  });

  it("unlock: an owner may not lift an admin's lock (403 unlock_override); an admin may lift an owner's", () => {
    const w = world();
    Object.assign(w.server, { locked: true, lockedBy: 'admin' });
    expect(verdict(admit(w.view(), ask('unlock')))).toEqual([403, "Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed."]);
    Object.assign(w.server, { lockedBy: 'owner' });
    expect(admit(w.view(), ask('unlock')).ok).toBe(true);
    expect(admit(w.view(), ask('unlock', {}, true)).ok).toBe(true);
  });

  it('metadata: MetadataLimitExceeded (403), merged pairs counted once, replaced ones alone', () => {
    const w = world();
    w.setMetadata(Object.fromEntries(Array.from({ length: 127 }, (_, i) => [`k${i}`, 'v'])));
    expect(admit(w.view(), ask('update_metadata', { metadata: { k0: 'w', extra: 'v' } })).ok).toBe(true);
    expect(verdict(admit(w.view(), ask('update_metadata', { metadata: { x: 'v', y: 'v' } })))).toEqual([403, 'Maximum number of metadata items exceeds 128']);
    expect(admit(w.view(), ask('set_metadata', { metadata: { x: 'v', y: 'v' } })).ok).toBe(true);
  });
});

describe('admit: which row applies, and who goes on', () => {
  const ruleOf = (a: Admission): RuleName => a.rule;

  it('a HARD reboot is the reboot_hard row; a soft one, or one without type, the reboot row', () => {
    const w = world();
    expect(ruleOf(admit(w.view(), ask('reboot', { type: 'HARD' })))).toBe('reboot_hard');
    expect(ruleOf(admit(w.view(), ask('reboot', { type: 'SOFT' })))).toBe('reboot');
    expect(ruleOf(admit(w.view(), ask('reboot')))).toBe('reboot');
  });

  it('with reclaim_instance_interval a delete soft-deletes a launched server its compute can reach; otherwise the API deletes it', () => {
    const w = world();
    expect(admit(w.view({ softDeletes: true }), ask('delete'))).toMatchObject({ ok: true, rule: 'soft_delete', then: 'compute' });
    w.c1.downSince = 0;
    expect(admit(w.view({ softDeletes: true }), ask('delete'))).toMatchObject({ ok: true, rule: 'delete', then: 'local_delete' });
    w.c1.downSince = Number.POSITIVE_INFINITY;
    w.server.launchedAt = null;
    expect(admit(w.view({ softDeletes: true }), ask('delete'))).toMatchObject({ ok: true, rule: 'delete', then: 'compute' });
  });

  it('a server without a host is deleted by the API itself, force_delete too', () => {
    const w = world('error');
    w.server.host = null;
    expect(admit(w.view(), ask('delete'))).toMatchObject({ ok: true, then: 'local_delete' });
    expect(admit(w.view(), ask('force_delete'))).toMatchObject({ ok: true, then: 'local_delete' });
  });

  it(`a delete while one runs is accepted and ignored ("${ALREADY_DELETING}"), unless no compute can finish it`, () => {
    const w = world();
    w.server.taskState = 'deleting';
    expect(admit(w.view(), ask('delete'))).toMatchObject({ ok: true, then: 'ignore' });
    w.c1.downSince = 0;
    expect(admit(w.view(), ask('delete'))).toMatchObject({ ok: true, then: 'local_delete' });
  });

  it('hands on the request complete and what it names', () => {
    const w = world();
    const admitted = admit(w.view(), ask('resize', { flavor: 'm1.large' }));
    expect(admitted).toMatchObject({ ok: true, rule: 'resize', request: { action: 'resize', flavor: 'm1.large' }, named: { flavor: w.large } });
    expect(ACTIONS[admitted.rule].host).toBe('up');
  });
});
