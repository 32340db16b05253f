import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, ensureBuilt, pooled, tempDir, type CliResult } from './helpers.js';

const BAD = 'test/fixtures/bad';
const VALID = 'test/fixtures/valid-small.yaml';

interface Case {
  /** What is wrong. */
  readonly kind: string;
  /** The scenario file given on the command line. */
  readonly file: string;
  /** Options after the file (--set, --seed). */
  readonly args?: readonly string[];
  /** The start of the error line: `file:LINE:` (or just `file:` when there is no line to name). */
  readonly prefix: string;
  /** The field named after the location, and a pattern the message must match. */
  readonly field?: string;
  readonly message: RegExp;
}

const at = (name: string, line: number) => ({ file: `${BAD}/${name}`, prefix: `${BAD}/${name}:${line}:` });

const CASES: readonly Case[] = [
  { kind: 'YAML syntax error', ...at('yaml-syntax.yaml', 6), message: /Flow map .* end with a \}/ },
  { kind: 'the same key twice', ...at('duplicate-key.yaml', 10), message: /the key 'duration' appears twice in this mapping/ },
  { kind: 'an empty file', ...at('empty.yaml', 1), field: 'name', message: /missing required field 'name'/ },
  { kind: 'unknown top-level key', ...at('unknown-top-key.yaml', 12), field: 'worklaod', message: /unknown key 'worklaod'/ },
  { kind: 'unknown key in a host', ...at('unknown-host-key.yaml', 10), field: 'hosts[0].cores', message: /unknown key 'cores'; expected one of name, vcpus/ },
  { kind: 'missing required field', ...at('missing-field.yaml', 5), field: 'flavors[0].ram_mb', message: /missing required field 'ram_mb'/ },
  { kind: 'negative duration', ...at('negative-duration.yaml', 3), field: 'duration', message: /expected a duration >= 1 .* got "-5m"/ },
  { kind: 'unknown flavor in an action', ...at('action-unknown-flavor.yaml', 14), field: 'actions[1].flavor', message: /unknown flavor 'm1.nope'; known: m1.small/ },
  { kind: 'unknown flavor in a workload mix', ...at('workload-unknown-flavor.yaml', 18), field: 'workload[0].flavors.m1.giant', message: /unknown flavor 'm1.giant'/ },
  { kind: 'action on a server never created', ...at('action-unknown-server.yaml', 14), field: 'actions[1].server', message: /no server 'ghost' is created by an earlier action/ },
  { kind: 'action before its create', ...at('action-before-create.yaml', 13), field: 'actions[0].server', message: /no server 'web-1' is created by an earlier action/ },
  { kind: 'action after the end of the run', ...at('action-after-end.yaml', 14), field: 'actions[1].at', message: /within the scenario's duration/ },
  { kind: 'wrong type (vcpus: "many")', ...at('wrong-type.yaml', 9), field: 'hosts[0].vcpus', message: /expected a whole number >= 1 <= 4096, got "many"/ },
  { kind: 'duplicate host names', ...at('duplicate-hosts.yaml', 11), field: 'hosts[2]', message: /duplicate host name 'c1'/ },
  { kind: 'unknown action name', ...at('unknown-action.yaml', 14), field: 'actions[1].action', message: /expected one of create, reboot, .* got "reboot_now"/ },
  { kind: 'reboot type: MEDIUM', ...at('reboot-type.yaml', 14), field: 'actions[1].type', message: /expected one of SOFT, HARD, got "MEDIUM"/ },
  { kind: 'a rate without unit', ...at('rate-without-unit.yaml', 17), field: 'workload[0].arrivals.rate', message: /expected a rate such as 10\/h.*, got 10/ },
  { kind: 'unknown key in a JSON scenario', ...at('unknown-key.json', 9), field: 'actions[0].colour', message: /unknown key 'colour'/ },
  { kind: 'a filter novasim does not have', ...at('scheduler-unknown-filter.yaml', 13), field: 'scheduler.filters[1]', message: /expected one of ComputeFilter, .* got "RamFilter"/ },
  { kind: 'policy plugin without a module', ...at('scheduler-plugin-without-module.yaml', 13), field: 'scheduler.policy', message: /policy plugin needs 'module'/ },
  { kind: 'a module with a built-in policy', ...at('scheduler-module-without-plugin.yaml', 14), field: 'scheduler.module', message: /'module' applies only to policy plugin, not spread/ },
  { kind: 'duplicate aggregate names', ...at('duplicate-aggregate.yaml', 10), field: 'aggregates[1].name', message: /duplicate name 'rack-a'/ },
  { kind: 'a host in an unknown aggregate', ...at('host-unknown-aggregate.yaml', 11), field: 'hosts[0].aggregates[0]', message: /unknown aggregate 'rack-b'; known: rack-a/ },
  { kind: 'a host in two availability zones', ...at('host-two-zones.yaml', 14), field: 'hosts[1].aggregates[1]', message: /already in availability zone 'az1' through aggregate 'rack-a'/ },
  { kind: 'rules on a soft-anti-affinity group', ...at('group-rules-soft.yaml', 13), field: 'server_groups[0].rules', message: /Only anti-affinity policy supports rules/ },
  { kind: 'a server group of an unknown project', ...at('group-unknown-project.yaml', 13), field: 'server_groups[0].project', message: /unknown project 'demp'; known: demo/ },
  { kind: "a create joining another project's group", ...at('create-group-other-project.yaml', 16), field: 'actions[0].group', message: /Instance group web could not be found: it belongs to project 'ops', not 'demo'/ },
  { kind: 'a create in a zone no host is in', ...at('create-unknown-zone.yaml', 15), field: 'actions[0].availability_zone', message: /unknown availability zone 'nova'; known: az1/ },
  { kind: 'a workload joining an unknown group', ...at('workload-unknown-group.yaml', 20), field: 'workload[0].group', message: /unknown server group 'wbe'; known: web/ },
  { kind: 'a subnet CIDR with host bits set', ...at('network-bad-cidr.yaml', 15), field: 'networks[0].subnets[0].cidr', message: /'10\.0\.0\.5\/24' has host bits set; the network is '10\.0\.0\.0\/24'/ },
  { kind: 'overlapping subnets of one network', ...at('network-overlapping-subnets.yaml', 16), field: 'networks[0].subnets[1].cidr', message: /subnet 10\.0\.8\.0\/24 overlaps subnet 10\.0\.0\.0\/16/ },
  { kind: 'a create on an unknown network', ...at('create-unknown-network.yaml', 15), field: 'actions[0].networks[0].network', message: /unknown network 'privat'; known: private/ },
  { kind: 'a create naming an unknown port', ...at('create-unknown-port.yaml', 17), field: 'actions[0].networks[0].port', message: /unknown port 'web-port'; known: db-port/ },
  { kind: 'a fixed IP outside every subnet of its network', ...at('create-fixed-ip-outside.yaml', 15), field: 'actions[0].networks[0].fixed_ip', message: /fixed IP 10\.0\.1\.5 is in no subnet of network 'private'/ },
  { kind: 'networks: auto with two networks', ...at('create-networks-auto-ambiguous.yaml', 16), field: 'actions[0].networks', message: /Multiple possible networks found, use a Network ID to be more specific\./ },
  { kind: 'a port named by two creates', ...at('create-port-twice.yaml', 18), field: 'actions[1].networks[0].port', message: /port db-port is still in use by server 'db-1'/ },
  { kind: 'an accessIPv6 that is an IPv4 address', ...at('update-server-bad-access-ip.yaml', 14), field: 'actions[1].access_ip_v6', message: /expected an IPv6 address, got "192\.0\.2\.10"/ },
  { kind: 'power curve points that do not cover 0..1', ...at('power-points-not-covering.yaml', 11), field: 'power.models[0].points[2][0]', message: /expected the last point at utilisation 1 \(the points must cover 0 to 1\), got 0\.9/ },
  { kind: 'a host naming an unknown power model', ...at('power-unknown-model.yaml', 13), field: 'hosts[0].power_model', message: /unknown power model 'eco'; known: std/ },
  { kind: 'a charging rate for an unknown status', ...at('charging-unknown-status.yaml', 15), field: 'charging.rates.STOPPED', message: /unknown key 'STOPPED'; expected one of ACTIVE, .*SHUTOFF/ },
  { kind: 'a build limit below 0', ...at('max-concurrent-builds-negative.yaml', 5), field: 'config.max_concurrent_builds', message: /expected a whole number >= 0 <= 100000, got -1/ },
  { kind: 'a burst without a count', ...at('burst-without-count.yaml', 17), field: 'workload[0].arrivals.every', message: /'count' with every: 0/ },
  { kind: 'a missing file', file: `${BAD}/no-such-file.yaml`, prefix: `${BAD}/no-such-file.yaml:`, message: /cannot read the scenario file \(ENOENT\)/ },
  { kind: 'an unreadable file (a directory)', file: BAD, prefix: `${BAD}:`, message: /is a folder, not a scenario file/ },
  {
    kind: 'a bad --set value', file: VALID, args: ['--set', 'hosts.0.vcpus=many'], prefix: `${VALID}:9:`,
    field: 'hosts[0].vcpus', message: /expected a whole number >= 1 <= 4096, got "many" \(from --set hosts\.0\.vcpus=many\)/,
  },
  {
    kind: 'a --set of an unknown field', file: VALID, args: ['--set', 'config.reclaim_instanse_interval=1h'], prefix: `${VALID}:`,
    field: 'config.reclaim_instanse_interval', message: /unknown key 'reclaim_instanse_interval'.*\(from --set /,
  },
  // Not about the file's content: the message names the option, not a line.
  { kind: 'a --set without =', file: VALID, args: ['--set', 'nonsense'], prefix: '--set nonsense:', message: /expected path=value/ },
  { kind: 'a --set value that is not YAML', file: VALID, args: ['--set', 'scheduler={policy: pack'], prefix: '--set scheduler={policy: pack:', message: /not valid YAML/ },
  { kind: 'a negative --seed', file: VALID, args: ['--seed', '-3'], prefix: '--seed:', message: /expected a whole number from 0 to 9007199254740991, got '-3'/ },
];

let dir: string;
const outs = new Map<Case, { parent: string; out: string; run: CliResult; validate: CliResult | null }>();

const parentOf = (c: Case): string => join(dir, c.kind.replace(/\W+/g, '-'));

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('bad');
  // Every case's `run` and `validate` at once (a few processes at a time): each is a separate process anyway.
  const results = await pooled(
    CASES.flatMap((c) => [
      () => cliAsync(['run', c.file, '--out', join(parentOf(c), 'results'), ...(c.args ?? [])]),
      () => (c.args === undefined ? cliAsync(['validate', c.file]) : Promise.resolve(null)),
    ]),
  );
  CASES.forEach((c, i) => outs.set(c, { parent: parentOf(c), out: join(parentOf(c), 'results'), run: results[2 * i]!, validate: results[2 * i + 1] ?? null }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad scenarios are refused before anything runs', () => {
  it('covers at least 12 kinds of broken scenario, each with its own fixture', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(12);
    const fixtures = readdirSync(BAD).map((f) => `${BAD}/${f}`);
    const used = new Set(CASES.map((c) => c.file));
    expect(fixtures.filter((f) => !used.has(f))).toEqual([]);
  });

  describe.each(CASES)('$kind', (c) => {
    it('run: exit 2, a located message naming the field, no stack trace, no results folder', () => {
      const { parent, out, run: r } = outs.get(c)!;
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const first = r.stderr.split('\n')[0]!;
      expect(first.startsWith(`novasim run: ${c.prefix}`), first).toBe(true);
      if (c.field !== undefined) expect(r.stderr).toContain(`: ${c.field}: `);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr).not.toMatch(/Error:|\.js:\d+/);
      // Neither the folder nor its parent, nor a partial sibling, was created.
      expect(existsSync(out)).toBe(false);
      expect(existsSync(parent)).toBe(false);
      expect(readdirSync(dir).filter((n) => n.includes('.partial-'))).toEqual([]);
    });

    it.runIf(c.args === undefined)('validate: exit 2 with the same message', () => {
      const { run, validate: r } = outs.get(c)!;
      expect(r!.status).toBe(2);
      expect(r!.stdout).toBe('');
      expect(r!.stderr).toBe(run.stderr.replace('novasim run: ', 'novasim validate: '));
    });
  });
});
