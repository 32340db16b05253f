import { describe, expect, it } from 'vitest';
import { failureDomains, hostDomains } from '../../../src/scenario/validate.js';
import { accepted, refused, scenarioText } from './load.js';

const racks = 'hosts:\n  - { name_prefix: cmp-, count: 5, vcpus: 4, ram_mb: 8192, disk_gb: 100, failure_domain: rack, hosts_per_domain: 2 }';
const law = 'mtbf: 26w, repair: 2h';

describe('hosts_per_domain and failures.domains name_prefix', () => {
  it('numbers racks of hosts_per_domain hosts in name order', () => {
    const scenario = accepted(scenarioText('', racks));

    expect(hostDomains(scenario.hosts[0]!)).toEqual(['rack-1', 'rack-1', 'rack-2', 'rack-2', 'rack-3']);
  });

  it('gives each domain a name_prefix matches a failure law of its own', () => {
    const scenario = accepted(scenarioText(`failures:\n  domains:\n    - { name_prefix: rack-, ${law}, kind: partition }`, racks));

    expect(failureDomains(scenario).map((d) => [d.name, d.kind])).toEqual([
      ['rack-1', 'partition'],
      ['rack-2', 'partition'],
      ['rack-3', 'partition'],
    ]);
  });

  it('refuses a prefix no domain starts with, both name and prefix, and hosts_per_domain without failure_domain', () => {
    expect(refused(scenarioText(`failures:\n  domains:\n    - { name_prefix: row-, ${law} }`, racks)).join('\n')).toContain("no host's failure_domain starts with 'row-'");
    expect(refused(scenarioText(`failures:\n  domains:\n    - { name: rack-1, name_prefix: rack-, ${law} }`, racks)).join('\n')).toContain('expected one of name or name_prefix');
    const bare = 'hosts:\n  - { name_prefix: cmp-, count: 2, vcpus: 4, ram_mb: 8192, disk_gb: 100, hosts_per_domain: 2 }';
    expect(refused(scenarioText('', bare)).join('\n')).toContain('needs failure_domain');
  });
});
