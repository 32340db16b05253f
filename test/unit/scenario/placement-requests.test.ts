import { describe, expect, it } from 'vitest';
import { accepted, expectOneError, lineOf, refused, scenarioText } from './load.js';

const ZONED = [
  'aggregates:',
  '  - { name: rack-a, availability_zone: az1 }',
  '  - { name: unused, availability_zone: az-empty }',
  'server_groups:',
  '  - { name: web, policy: anti-affinity, project: p }',
  '  - { name: db, policy: affinity, project: q }',
].join('\n');
const HOSTS = ['hosts:', '  - { name: a1, vcpus: 4, ram_mb: 8192, disk_gb: 100, aggregates: [rack-a] }', '  - { name: n1, vcpus: 4, ram_mb: 8192, disk_gb: 100 }'].join('\n');

const withActions = (...lines: string[]): string => scenarioText(`${ZONED}\nactions:\n${lines.map((l) => `  - ${l}`).join('\n')}`, HOSTS);
const withWorkload = (fields: string): string =>
  scenarioText(`${ZONED}\nworkload:\n  - { name: w, project: p, image: i, flavors: { f: 1 }, arrivals: { process: poisson, rate: 1/h }${fields} }`, HOSTS);
const CREATE = '{ at: 0, action: create, server: s, flavor: f, image: i, project: p';

describe('scenario create and workload placement hints', () => {
  it('passes a create its group and zone, including the default zone nova of an unzoned host', () => {
    const s = accepted(withActions(`${CREATE}, group: web, availability_zone: az1 }`, '{ at: 1m, action: create, server: t, flavor: f, image: i, project: q, group: db, availability_zone: nova }'));

    expect(s.actions[0]).toMatchObject({ group: 'web', availability_zone: 'az1' });
    expect(s.actions[1]).toMatchObject({ group: 'db', availability_zone: 'nova' });
  });

  it('passes a workload its group and zone', () => {
    expect(accepted(withWorkload(', group: web, availability_zone: az1')).workload[0]).toMatchObject({ group: 'web', availability_zone: 'az1' });
  });

  it.each([
    ['an unknown group', `${CREATE}, group: cache }`, "actions[0].group: unknown server group 'cache'; known: web, db"],
    ['a group of another project', `${CREATE}, group: db }`, "actions[0].group: Instance group db could not be found: it belongs to project 'q', not 'p'"],
    ['a zone no host is in', `${CREATE}, availability_zone: az-empty }`, "actions[0].availability_zone: unknown availability zone 'az-empty'; known: az1, nova"],
  ])('refuses a create with %s', (_, line, message) => {
    const text = withActions(line);

    expectOneError(text, line, message);
  });

  it('refuses group and availability_zone on actions other than create', () => {
    const text = withActions(`${CREATE} }`, '{ at: 1m, action: reboot, server: s, group: web, availability_zone: az1 }');

    expect(refused(text)).toEqual([
      `${lineOf(text, 'reboot')}: actions[1].group: 'group' does not apply to reboot`,
      `${lineOf(text, 'reboot')}: actions[1].availability_zone: 'availability_zone' does not apply to reboot`,
    ]);
  });

  it.each([
    ['an unknown group', ', group: cache', "workload[0].group: unknown server group 'cache'; known: web, db"],
    ['a group of another project', ', group: db', "workload[0].group: Instance group db could not be found: it belongs to project 'q', not 'p'"],
    ['a zone no host is in', ', availability_zone: az9', "workload[0].availability_zone: unknown availability zone 'az9'; known: az1, nova"],
  ])('refuses a workload with %s', (_, fields, message) => {
    const text = withWorkload(fields);

    expectOneError(text, '{ name: w,', message);
  });

  it('knows no zone nova when every host is in a zoned aggregate', () => {
    const text = scenarioText(`${ZONED}\nactions:\n  - ${CREATE}, availability_zone: nova }`, 'hosts:\n  - { name: a1, vcpus: 4, ram_mb: 8192, disk_gb: 100, aggregates: [rack-a] }');

    expectOneError(text, 'availability_zone: nova', "actions[0].availability_zone: unknown availability zone 'nova'; known: az1");
  });
});

describe('scenario config for server groups and build failures', () => {
  it('reads server_group_members (-1 is unlimited) and consecutive_build_service_disable_threshold', () => {
    const s = accepted(scenarioText('config:\n  server_group_members: -1\n  consecutive_build_service_disable_threshold: 0'));

    expect(s.config).toMatchObject({ server_group_members: -1, consecutive_build_service_disable_threshold: 0 });
  });

  it.each([
    ['server_group_members: -2', 'config.server_group_members: expected a whole number >= -1, got -2'],
    ['server_group_members: 2.5', 'config.server_group_members: expected a whole number >= -1, got 2.5'],
    ['consecutive_build_service_disable_threshold: -1', 'config.consecutive_build_service_disable_threshold: expected a whole number >= 0, got -1'],
  ])('refuses %s', (line, message) => {
    const text = scenarioText(`config:\n  ${line}`);

    expectOneError(text, line, message);
  });
});
