import { describe, expect, it } from 'vitest';
import { scenarioSpec } from '../../../src/scenario/schema.js';

type Schema = {
  readonly properties?: Record<string, Schema>; readonly items?: Schema; readonly anyOf?: readonly Schema[]; readonly oneOf?: readonly Schema[];
  readonly description?: string; readonly enum?: readonly string[]; readonly const?: string; readonly required?: readonly string[];
};

const schema = scenarioSpec.jsonSchema() as Schema;
const props = (s: Schema | undefined): Record<string, Schema> => s?.properties ?? {};
/** The branch of an action entry for one action. */
const action = (name: string): Schema => props(schema).actions!.items!.oneOf!.find((b) => props(b).action?.const === name)!;
/** A workload entry's generated form (arrivals), beside the replayed one (trace). */
const generated = (workload: Schema): Schema => workload.items!.anyOf!.find((b) => 'arrivals' in props(b))!;

/** The fields under `s` (through lists and alternatives) that carry no description. */
function undescribed(s: Schema, path: string): string[] {
  const fields = Object.entries(props(s)).flatMap(([k, v]) => [...(v.description ? [] : [`${path}.${k}`]), ...undescribed(v, `${path}.${k}`)]);
  const nested = [...(s.items ? [s.items] : []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  return [...fields, ...nested.flatMap((n) => undescribed(n, path))];
}

describe('the scenario JSON Schema', () => {
  it('documents the scheduler section, with plugin among the policies', () => {
    const scheduler = props(schema).scheduler!;

    expect(Object.keys(props(scheduler))).toEqual([
      'policy',
      'module',
      'filters',
      'weighers',
      'host_subset_size',
      'max_attempts',
      'max_placement_results',
      'randomize_allocation_candidates',
      'prefilter_disabled_computes',
    ]);
    expect(props(scheduler).policy!.enum).toContain('plugin');
    // The weigher names are keys of a mapping, not fields.
    expect(undescribed(scheduler, 'scheduler').filter((f) => !f.startsWith('scheduler.weighers.'))).toEqual([]);
  });

  it('documents aggregates and server groups, every field described', () => {
    const { aggregates, server_groups } = props(schema);

    expect(Object.keys(props(aggregates!.items))).toEqual(['name', 'availability_zone', 'metadata', 'build_failure_probability']);
    expect(Object.keys(props(server_groups!.items))).toEqual(['name', 'policy', 'project', 'rules']);
    expect([...undescribed(aggregates!, 'aggregates'), ...undescribed(server_groups!, 'server_groups')]).toEqual([]);
  });

  it('has the new fields of hosts (both forms), flavors, actions, workloads and config', () => {
    const { hosts, flavors, workload, config } = props(schema);

    for (const form of hosts!.items!.anyOf!) expect(props(form)).toHaveProperty('aggregates.description');
    for (const form of hosts!.items!.anyOf!) expect(props(form)).toHaveProperty('build_failure_probability.description');
    expect(props(flavors!.items)).toHaveProperty('extra_specs.description');
    for (const entry of [action('create'), generated(workload!)]) {
      expect(props(entry)).toHaveProperty('group.description');
      expect(props(entry)).toHaveProperty('availability_zone.description');
    }
    expect(props(config)).toHaveProperty('server_group_members.description');
    expect(props(config)).toHaveProperty('consecutive_build_service_disable_threshold.description');
  });

  it('documents networks, ports and the NIC fields of creates and workloads', () => {
    const { networks, ports, workload } = props(schema);

    expect(Object.keys(props(networks!.items))).toEqual(['name', 'subnets']);
    expect(Object.keys(props(ports!.items))).toEqual(['name', 'network', 'fixed_ip']);
    expect([...undescribed(networks!, 'networks'), ...undescribed(ports!, 'ports')]).toEqual([]);
    for (const field of ['networks', 'access_ip_v4', 'access_ip_v6']) expect(props(action('create'))).toHaveProperty(`${field}.description`);
    expect(props(generated(workload!))).toHaveProperty('networks.description');
    expect(props(workload!.items!.anyOf!.find((b) => 'trace' in props(b)))).toHaveProperty('trace.description');
  });

  it('has one branch per action, each with its own required fields, every field described', () => {
    const branches = props(schema).actions!.items!.oneOf!;

    expect(branches.map((b) => props(b).action!.const)).toContain('resize');
    expect(action('resize').required).toEqual(['action', 'at', 'server', 'flavor']);
    expect(action('backup').required).toEqual(['action', 'at', 'server', 'backup_type', 'rotation']);
    expect(action('reboot').required).toEqual(['action', 'at', 'server']);
    expect(Object.keys(props(action('reboot')))).toEqual(['action', 'at', 'as', 'server', 'type']);
    expect(action('drain_host').required).toEqual(['action', 'at', 'host']);
    expect(undescribed(props(schema).actions!, 'actions').filter((f) => !f.endsWith('.action'))).toEqual([]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
