import { describe, expect, it } from 'vitest';
import { renderFilesJson } from '../../../../src/metrics/writers/files-json.js';
import { isoTime } from '../../../../src/metrics/writers/iso-time.js';
import { renderLimitsJson } from '../../../../src/metrics/writers/limits-json.js';
import { renderServersJson } from '../../../../src/metrics/writers/servers-json.js';
import { NOVA_DEFAULT_QUOTA, NOVA_SERVER_LIMITS } from '../../../../src/model/compute-limits.js';
import { OWNER, tinyCloud } from '../../../support/tiny-cloud.js';
import type { CreateRequest } from '../../../../src/lifecycle/requests.js';
import type { Server } from '../../../../src/model/server.js';

describe('isoTime', () => {
  it('counts simulated seconds from 2026-01-05T00:00:00Z, a Monday', () => {
    expect(isoTime(0)).toBe('2026-01-05T00:00:00Z');
    expect(isoTime(32.8)).toBe('2026-01-05T00:00:32Z');
    expect(isoTime(32.8, true)).toBe('2026-01-05T00:00:32.800000');
    expect(isoTime(86_400 * 27 + 3661)).toBe('2026-02-01T01:01:01Z');
    expect(isoTime(86_400 * 366)).toBe('2027-01-06T00:00:00Z');
  });
});

describe('servers.json', () => {
  const cloud = () => {
    const c = tinyCloud({ config: { password_policy: { min_length: 12, require: [] } } });
    const create = (server: string, more = {}) => {
      const made = c.nova.api.create({ action: 'create', server, project: OWNER, flavor: 'm1.small', image: 'cirros', asAdmin: false, ...more });
      return 'status' in made ? null : made;
    };
    return { c, create };
  };

  it('shapes each server as GET /servers/detail, newest first, without the admin password', () => {
    const { c, create } = cloud();
    const a = create('a', { metadata: { z: '1', a: '2' }, admin_pass: 'Secret-Passw0rd' })!;
    c.settle(a);
    const b = create('b')!;
    c.settle(b);

    const json = renderServersJson(c.inventory, c.nova.extras.details);
    const servers = JSON.parse(json).servers;

    expect(servers.map((s: { name: string }) => s.name)).toEqual(['b', 'a']);
    expect(Object.keys(servers[1])).toEqual([
      'id', 'name', 'status', 'tenant_id', 'hostId', 'OS-EXT-SRV-ATTR:host', 'OS-EXT-AZ:availability_zone', 'OS-EXT-STS:vm_state',
      'OS-EXT-STS:task_state', 'OS-EXT-STS:power_state', 'progress', 'flavor', 'image', 'addresses', 'accessIPv4', 'accessIPv6',
      'metadata', 'locked', 'created', 'updated', 'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at', 'links',
    ]);
    expect(servers[1]).toMatchObject({
      id: a.uuid,
      status: 'ACTIVE',
      'OS-EXT-STS:power_state': 1,
      'OS-EXT-STS:task_state': null,
      progress: 100,
      metadata: { a: '2', z: '1' },
      created: '2026-01-05T00:00:00Z',
      updated: '2026-01-05T00:00:32Z',
      flavor: { original_name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
      image: { id: 'cirros' },
      links: [
        { href: `http://novasim/v2.1/servers/${a.uuid}`, rel: 'self' },
        { href: `http://novasim/servers/${a.uuid}`, rel: 'bookmark' },
      ],
    });
    expect(Object.keys(servers[1].metadata)).toEqual(['a', 'z']);
    expect(json).not.toContain('Secret-Passw0rd');
    expect(json).not.toMatch(/adminPass/);
  });

  it('shows the fault of an ERROR server, and leaves deleted servers out', () => {
    const { c, create } = cloud();
    const bad = create('bad', { admin_pass: 'short' })!;
    c.settle(bad);
    const gone = create('gone')!;
    c.settle(gone);
    c.act('delete', gone);

    const servers = JSON.parse(renderServersJson(c.inventory, c.nova.extras.details)).servers;

    expect(servers).toHaveLength(1);
    expect(servers[0].status).toBe('ERROR');
    expect(servers[0].fault).toEqual({ code: 500, created: '2026-01-05T00:00:32Z', message: bad.fault });
  });

  it("shows progress only in Nova's _progress_statuses: ACTIVE yes, ERROR and SHUTOFF no", () => {
    const { c, create } = cloud();
    const bad = create('bad', { admin_pass: 'short' })!;
    c.settle(bad);
    const off = create('off')!;
    c.settle(off);
    c.act('stop', off);
    const on = create('on')!;
    c.settle(on);

    const servers = JSON.parse(renderServersJson(c.inventory, c.nova.extras.details)).servers;
    const byName = Object.fromEntries(servers.map((s: { name: string }) => [s.name, s]));

    expect([byName.bad.status, byName.off.status, byName.on.status]).toEqual(['ERROR', 'SHUTOFF', 'ACTIVE']);
    expect(byName.bad).not.toHaveProperty('progress');
    expect(byName.off).not.toHaveProperty('progress');
    expect(byName.on.progress).toBe(100);
  });

  it('is deterministic: the same run gives the same text', () => {
    const run = () => {
      const { c, create } = cloud();
      c.settle(create('a', { metadata: { k: 'v' } })!);
      return renderServersJson(c.inventory, c.nova.extras.details);
    };
    expect(run()).toBe(run());
  });
});

describe('limits.json', () => {
  it('gives each project the GET /limits absolute block', () => {
    const json = renderLimitsJson(
      [{ project: 'web', quota: NOVA_DEFAULT_QUOTA, usage: { instances: 2, cores: 3, ram: 4096 }, serverGroups: 1 }],
      NOVA_SERVER_LIMITS,
      10,
    );

    expect(JSON.parse(json)).toEqual({
      web: {
        limits: {
          rate: [],
          absolute: {
            maxServerMeta: 128, maxPersonality: 5, maxPersonalitySize: 10240, maxTotalInstances: 10, maxTotalCores: 20,
            maxTotalRAMSize: 51200, maxTotalKeypairs: 100, maxServerGroups: 10, maxServerGroupMembers: 10,
            totalInstancesUsed: 2, totalCoresUsed: 3, totalRAMUsed: 4096, totalServerGroupsUsed: 1,
          },
        },
      },
    });
  });
});

describe('files.json', () => {
  it('lists the live servers that have files, by name, files in path order', () => {
    const c = tinyCloud();
    const made = (request: Omit<CreateRequest, 'action' | 'project' | 'flavor' | 'image' | 'asAdmin'>): Server => {
      const server = c.nova.api.create({ action: 'create', project: OWNER, flavor: 'm1.small', image: 'cirros', asAdmin: false, ...request });
      if ('status' in server) throw new Error(server.message);
      return server;
    };
    c.settle(made({ server: 'web', personality: [{ path: '/z', contents: Buffer.from('z').toString('base64') }, { path: '/a', contents: Buffer.from('aa').toString('base64') }] }));
    c.settle(made({ server: 'plain' }));

    const files = JSON.parse(renderFilesJson(c.inventory, c.nova.extras.details));

    expect(Object.keys(files)).toEqual(['web']);
    expect(files.web.map((f: { path: string; size_bytes: number }) => [f.path, f.size_bytes])).toEqual([['/a', 2], ['/z', 1]]);
    expect(files.web[0]).toEqual({
      path: '/a', source: 'personality', size_bytes: 2, owner: 'root', group: 'root', mode: '0440', injected_at: 32, renamed_from: null, renamed_at: null,
    });
  });
});
