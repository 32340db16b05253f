import { describe, expect, it } from 'vitest';
import type { CreateRequest } from '../../../src/lifecycle/requests.js';
import { NOVA_DEFAULT_QUOTA, NOVA_SERVER_LIMITS, type ProjectQuota } from '../../../src/model/compute-limits.js';
import type { Server } from '../../../src/model/server.js';
import { DEFAULT_HOST, IMAGE, LARGE, OTHER_PROJECT, OWNER, SMALL, TinyCloud, tinyCloud, type TinyCloudOptions } from '../../support/tiny-cloud.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const POLICY = { password_policy: { min_length: 12, require: ['lower', 'upper', 'digit'] as const } };
const GOOD = 'Correct4Horse';
const BAD = 'short';

/** POST /servers with the fields the tiny cloud's `request` does not take. */
function create(c: TinyCloud, name: string, more: Partial<CreateRequest> = {}): Server | null {
  const made = c.nova.api.create({ action: 'create', server: name, project: OWNER, flavor: SMALL, image: IMAGE, asAdmin: false, ...more });
  return 'status' in made ? null : made;
}

function built(c: TinyCloud, name: string, more: Partial<CreateRequest> = {}): Server {
  const server = create(c, name, more);
  if (server === null) throw new Error(`create ${name} refused: ${c.rows.at(-1)?.reason}`);
  c.settle(server);
  return server;
}

const linked = (linkGbps: number, options: TinyCloudOptions = {}): TinyCloud =>
  tinyCloud({ ...options, hosts: [{ name: 'compute-0', ...DEFAULT_HOST, linkGbps }, { name: 'compute-1', ...DEFAULT_HOST, linkGbps }] });

describe('build progress', () => {
  // create: 30 s + 2 s per image GB (cirros, 1 GB) = 32 s, spawning from 20 % (6.4 s) for 80 % (25.6 s),
  // plus the download: 1 GB x 8 / 10 Gb/s = 0.8 s. The spawn runs 26.4 s, from 6.4 s to 32.8 s.
  it('is 0 before the spawn, then the share of download and spawn elapsed, then 100', () => {
    const c = linked(10);
    const server = create(c, 'web')!;
    const progress = (): number => c.nova.extras.progress.of(server, c.now);

    c.runTo(6);
    expect(server.taskState).toBe('block_device_mapping');
    expect(progress()).toBe(0);
    c.runTo(6.4 + 13.2);
    expect(server.taskState).toBe('spawning');
    expect(progress()).toBe(50);
    c.runTo(6.4 + 26.4 * 0.995);
    expect(progress()).toBe(99);
    c.settle(server);
    expect(c.rowsOf(server).at(-1)!.time).toBeCloseTo(32.8, 9);
    expect(server.progress).toBe(100);
  });

  it('is written into the field by settle, for outputs read mid-build', () => {
    const c = linked(10);
    const server = create(c, 'web')!;

    c.runTo(6.4 + 6.6);
    c.nova.extras.progress.settle(c.inventory.servers, c.now);

    expect(server.progress).toBe(25);
  });

  it('downloads the image over the host link: 1 GB at 1 Gb/s adds 8 s', () => {
    const c = linked(1);
    const server = built(c, 'web');

    expect(c.rowsOf(server).at(-1)!.time).toBeCloseTo(40, 9);
  });

  it('downloads nothing for a volume-backed server', () => {
    const c = linked(1);
    const server = built(c, 'web', { boot_from_volume: true });

    expect(c.rowsOf(server).at(-1)!.time).toBeCloseTo(32, 9);
  });

  it('shows a rebuild\'s progress the same way: 0 at acceptance, the spawn\'s share, 100', () => {
    const c = linked(10);
    const server = built(c, 'web');
    const start = c.now;

    c.submit('rebuild', server);
    expect(server.progress).toBe(0);
    c.runTo(start + 6.4 + 12.8); // rebuild: 32 s, rebuild_spawning from 20 % for 25.6 s
    expect(server.taskState).toBe('rebuild_spawning');
    expect(c.nova.extras.progress.of(server, c.now)).toBe(50);
    c.settle(server);
    expect(server.progress).toBe(100);
  });
});

describe('admin password', () => {
  it('keeps a verdict on a given password that meets the policy, never the password', () => {
    const c = tinyCloud({ config: POLICY });
    const server = built(c, 'web', { admin_pass: GOOD });

    expect(server.vmState).toBe('active');
    expect(c.nova.extras.details.passwordOf(server.id)).toEqual({ source: 'given', problems: [] });
    expect(JSON.stringify(c.nova.extras.details.peek(server.id))).not.toContain(GOOD);
  });

  it('generates one when none is given, meeting the policy', () => {
    const c = tinyCloud({ config: POLICY });
    const server = built(c, 'web');

    expect(server.vmState).toBe('active');
    expect(c.nova.extras.details.passwordOf(server.id)).toEqual({ source: 'generated', problems: [] });
  });

  it('puts the server in ERROR, built and running, when the policy refuses the given password', () => {
    const c = tinyCloud({ config: POLICY });
    const server = built(c, 'web', { admin_pass: BAD });
    const last = c.rowsOf(server).at(-1)!;

    expect([server.vmState, server.powerState, server.host, server.progress]).toEqual(['error', 'running', 0, 100]);
    expect(server.launchedAt).not.toBeNull();
    expect(last).toMatchObject({ action: 'create', outcome: 'failed', status: 'ERROR' });
    expect(server.fault).toBe(
      `Failed to set admin password on ${server.uuid} because the password does not meet the password policy: fewer than 12 characters, no upper-case letter, no digit`,
    );
    expect(c.rows.some((r) => r.reason.includes(BAD))).toBe(false);
  });

  it('keeps its addresses: the server was built, only its password was refused', () => {
    const c = tinyCloud({ config: POLICY, networks: [{ name: 'private', subnets: [{ cidr: '10.0.0.0/24' }] }] });
    const server = built(c, 'web', { admin_pass: BAD });
    expect(server.vmState).toBe('error');
    expect(server.addresses.map((a) => a.addr)).toEqual(['10.0.0.2']);
  });

  it('mends it as Nova allows: changePassword is refused in ERROR, so reset_state to active, then changePassword', () => {
    const c = tinyCloud({ config: POLICY });
    const server = built(c, 'web', { admin_pass: BAD });

    const refused = TinyCloud.verdict(c.submit('set_admin_password', server, { admin_pass: GOOD }));
    expect(refused.reason).toBe(`Cannot 'changePassword' instance ${server.uuid} while it is in vm_state error`);
    c.act('reset_state', server, { state: 'active' }, true);
    const rows = c.act('set_admin_password', server, { admin_pass: GOOD });

    expect(rows.map((r) => r.status)).toEqual(['PASSWORD', 'ACTIVE']);
    expect(server.vmState).toBe('active');
    expect(c.nova.extras.details.passwordOf(server.id)).toEqual({ source: 'given', problems: [] });
  });

  it('puts an ACTIVE server in ERROR when changePassword brings a password the policy refuses', () => {
    const c = tinyCloud({ config: POLICY });
    const server = built(c, 'web');

    c.act('set_admin_password', server, { admin_pass: BAD });

    expect(server.vmState).toBe('error');
    expect(c.rowsOf(server).at(-1)).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('does not meet the password policy') });
  });

  it('fails changePassword on a guest that is not running, leaving the server as it was', () => {
    const c = tinyCloud();
    const server = built(c, 'web');
    c.act('stop', server);
    c.act('reset_state', server, { state: 'active' }, true);

    c.act('set_admin_password', server, { admin_pass: GOOD });

    expect(server.vmState).toBe('active');
    expect(c.rowsOf(server).at(-1)!.reason).toBe(
      `Failed to set admin password on ${server.uuid} because instance ${server.uuid} is not running`,
    );
  });

  it('puts a rebuilt server in ERROR when the policy refuses the rebuild\'s password, on its new image', () => {
    const c = tinyCloud({ config: POLICY });
    const server = built(c, 'web');

    c.act('rebuild', server, { image: 'ubuntu', admin_pass: BAD });

    expect([server.vmState, server.image.name, server.progress]).toEqual(['error', 'ubuntu', 100]);
    expect(c.rowsOf(server).at(-1)).toMatchObject({ action: 'rebuild', outcome: 'failed' });
  });

  it('refuses changePassword without adminPass (400)', () => {
    const c = tinyCloud();
    const server = built(c, 'web');

    expect(TinyCloud.verdict(c.submit('set_admin_password', server)).reason).toBe(
      "Invalid input for field/attribute changePassword. 'adminPass' is a required property",
    );
  });
});

describe('metadata', () => {
  const limits = { ...NOVA_SERVER_LIMITS, maxServerMeta: 2 };
  const metadataOf = (c: TinyCloud, s: Server): Record<string, string> =>
    Object.fromEntries(c.nova.extras.details.peek(s.id)?.metadata ?? []);

  it('is set at create, merged by update_metadata and replaced by set_metadata, by the API alone', () => {
    const c = tinyCloud();
    const server = built(c, 'web', { metadata: { role: 'web' } });

    const merged = c.act('update_metadata', server, { metadata: { tier: '1' } });
    expect(metadataOf(c, server)).toEqual({ role: 'web', tier: '1' });
    c.act('set_metadata', server, { metadata: { only: 'this' } });
    expect(metadataOf(c, server)).toEqual({ only: 'this' });
    expect(merged.map((r) => [r.outcome, r.status, r.taskState])).toEqual([['accepted', 'ACTIVE', null], ['completed', 'ACTIVE', null]]);
  });

  it('allows maxServerMeta pairs and refuses one more (403), counting a merged key once', () => {
    const c = tinyCloud({ limits });
    const server = built(c, 'web', { metadata: { a: '1' } });

    c.act('update_metadata', server, { metadata: { b: '2' } });
    c.act('update_metadata', server, { metadata: { a: 'again' } });
    const refused = TinyCloud.verdict(c.submit('update_metadata', server, { metadata: { c: '3' } }));

    expect(refused.reason).toBe('Maximum number of metadata items exceeds 2');
    expect(metadataOf(c, server)).toEqual({ a: 'again', b: '2' });
    expect(TinyCloud.verdict(c.submit('set_metadata', server, { metadata: { x: '1', y: '2', z: '3' } })).reason).toBe(
      'Maximum number of metadata items exceeds 2',
    );
  });

  it('refuses a create with one pair more than maxServerMeta (403) or a 256-byte value (400)', () => {
    const c = tinyCloud({ limits });

    expect(create(c, 'three', { metadata: { a: '1', b: '2', c: '3' } })).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('Maximum number of metadata items exceeds 2');
    expect(create(c, 'long', { metadata: { a: 'é'.repeat(128) } })).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('Invalid metadata size: Metadata property value greater than 255 characters');
    expect(c.inventory.servers).toHaveLength(0);
  });

  it("follows update_instance_metadata's guards: the lock, the vm_state, any task_state", () => {
    const c = tinyCloud({ config: { shelved_offload_time: -1 } });
    const server = built(c, 'web');
    c.act('lock', server);

    expect(TinyCloud.verdict(c.submit('update_metadata', server, { metadata: { a: '1' } })).reason).toBe(`Instance ${server.uuid} is locked`);
    expect(TinyCloud.verdict(c.submit('update_metadata', server, { metadata: { a: '1' } }, true)).outcome).toBe('accepted');
    c.act('unlock', server, {}, true);
    c.submit('reboot', server, { type: 'SOFT' });
    expect(TinyCloud.verdict(c.submit('set_metadata', server, { metadata: { b: '2' } })).outcome).toBe('accepted');
    c.settle(server);
    c.act('shelve', server);
    expect(TinyCloud.verdict(c.submit('update_metadata', server, { metadata: { a: '1' } })).reason).toBe(
      `Cannot 'update metadata' instance ${server.uuid} while it is in vm_state shelved`,
    );
  });
});

describe('personality', () => {
  const filesOf = (c: TinyCloud, s: Server) => [...(c.nova.extras.details.peek(s.id)?.files.values() ?? [])];

  it('writes the files at the end of the spawn, root:root 0440, keeping only their decoded size', () => {
    const c = tinyCloud();
    const server = create(c, 'web', { personality: [{ path: '/etc/motd', contents: b64('hello\n') }] })!;

    c.runTo(20);
    expect(filesOf(c, server)).toEqual([]);
    c.settle(server);

    expect(filesOf(c, server)).toEqual([
      { path: '/etc/motd', source: 'personality', sizeBytes: 6, owner: 'root', group: 'root', mode: '0440', injectedAt: 32, renamedFrom: null, renamedAt: null },
    ]);
  });

  it('moves a file the image ships aside to <path>.bak.<unix time of the injection>', () => {
    const c = tinyCloud();
    c.inventory.addImage({ name: 'with-motd', sizeGb: 1, files: ['/etc/motd', '/etc/hosts'] });
    const server = built(c, 'web', { image: 'with-motd', personality: [{ path: '/etc/motd', contents: b64('hi\n') }] });

    const byPath = new Map(filesOf(c, server).map((f) => [f.path, f]));

    // 2026-01-05T00:00:00Z is 1767571200; the build ends 32 s later.
    expect([...byPath.keys()].sort()).toEqual(['/etc/hosts', '/etc/motd', '/etc/motd.bak.1767571232.0000']);
    expect(byPath.get('/etc/motd.bak.1767571232.0000')).toMatchObject({ source: 'image', renamedFrom: '/etc/motd', renamedAt: 32 });
    expect(byPath.get('/etc/motd')).toMatchObject({ source: 'personality', sizeBytes: 3 });
  });

  it('starts again from the image on rebuild (the disk is recreated), then writes the rebuild\'s files', () => {
    const c = tinyCloud();
    const server = built(c, 'web', { personality: [{ path: '/a', contents: b64('a') }] });

    c.act('rebuild', server, { personality: [{ path: '/b', contents: b64('bb') }, { path: '/b', contents: b64('bbb') }] });

    const paths = filesOf(c, server).map((f) => [f.path, f.sizeBytes, f.renamedFrom]);
    expect(paths).toEqual([
      [`/b.bak.${(1767571200 + c.now).toFixed(4)}`, 2, '/b'],
      ['/b', 3, null],
    ]);
  });

  it('refuses one file more than maxPersonality (403) and binary contents (400)', () => {
    const c = tinyCloud();
    const six = Array.from({ length: 6 }, (_, i) => ({ path: `/f${i}`, contents: b64('x') }));

    expect(create(c, 'six', { personality: six })).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('Personality file limit exceeded');
    expect(create(c, 'bin', { personality: [{ path: '/bin/x', contents: Buffer.from([0, 1, 2]).toString('base64') }] })).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('Personality content for /bin/x is not text: only text files can be injected');
  });
});

describe('quotas', () => {
  const quotas = (alpha: Partial<ProjectQuota>): Record<string, ProjectQuota> => ({
    [OWNER]: { ...NOVA_DEFAULT_QUOTA, ...alpha },
    [OTHER_PROJECT]: NOVA_DEFAULT_QUOTA,
  });
  const usage = (c: TinyCloud) => c.nova.extras.quotas.usage(c.inventory.projects.get(OWNER)!.id);

  it('refuses the create that crosses instances (403), counting a server from its acceptance', () => {
    const c = tinyCloud({ quotas: quotas({ instances: 2 }) });
    create(c, 'a');
    create(c, 'b');

    expect(create(c, 'c')).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe('Quota exceeded for instances: Requested 1, but already used 2 of 2 instances');
    expect(create(c, 'other', { project: OTHER_PROJECT })).not.toBeNull();
  });

  it.each([
    ['cores', { cores: 5 }, 'Quota exceeded for cores: Requested 1, but already used 5 of 5 cores'],
    ['ram', { ram: 10_240 }, 'Quota exceeded for ram: Requested 2048, but already used 10240 of 10240 ram'],
  ])('refuses the create that crosses %s, after the one that reaches it', (_label, quota, message) => {
    const c = tinyCloud({ quotas: quotas(quota) });
    built(c, 'a', { flavor: LARGE });
    built(c, 'b');

    expect(create(c, 'c')).toBeNull();
    expect(c.rows.at(-1)!.reason).toBe(message);
  });

  it('counts what Nova counts: not deleted, not soft-deleted; a restore counts again and may be refused', () => {
    const c = tinyCloud({ quotas: quotas({ instances: 1 }), config: { reclaim_instance_interval: 3600 } });
    const a = built(c, 'a');

    c.act('delete', a);
    expect(a.vmState).toBe('soft-delete');
    expect(usage(c)).toEqual({ instances: 0, cores: 0, ram: 0 });
    built(c, 'b');
    expect(TinyCloud.verdict(c.submit('restore', a)).reason).toBe('Quota exceeded for instances: Requested 1, but already used 1 of 1 instances');
  });

  it('frees the quota when a server is deleted, and keeps the counts in step with the servers', () => {
    const c = tinyCloud({ quotas: quotas({ instances: 1 }) });
    const a = built(c, 'a', { flavor: LARGE });

    expect(usage(c)).toEqual({ instances: 1, cores: 4, ram: 8192 });
    c.act('delete', a);
    expect(usage(c)).toEqual({ instances: 0, cores: 0, ram: 0 });
    expect(create(c, 'b')).not.toBeNull();
  });

  it('checks a resize up on cores and ram, and counts the new flavor once resized', () => {
    const c = tinyCloud({ quotas: quotas({ cores: 4 }) });
    const a = built(c, 'a');
    built(c, 'b');

    expect(TinyCloud.verdict(c.submit('resize', a, { flavor: LARGE })).reason).toBe(
      'Quota exceeded for cores: Requested 3, but already used 2 of 4 cores',
    );
    c.act('delete', c.inventory.serverNamed('b')!);
    c.act('resize', a, { flavor: LARGE });
    expect(usage(c)).toMatchObject({ instances: 1, cores: 4 });
  });

  it('enforces nothing without quotas', () => {
    const c = tinyCloud();
    for (let i = 0; i < 12; i++) expect(create(c, `s${i}`)).not.toBeNull();

    expect(usage(c).instances).toBe(12);
    expect(c.nova.extras.quotas.quota(c.inventory.projects.get(OWNER)!.id).instances).toBe(-1);
  });
});
