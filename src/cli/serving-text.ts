import type { Serving } from '../serve/serve.js';

/** What `novasim serve` prints once it listens: where, how to point the openstack CLI at it, the network ids. */
export function servingText(serving: Serving): string {
  const lines = [
    `serving on ${serving.url} (Ctrl-C stops the run and writes its results folder)`,
    `  export OS_AUTH_URL=${serving.url}/identity/v3 OS_IDENTITY_API_VERSION=3`,
    '  export OS_USERNAME=<a user of the scenario> OS_PASSWORD=<its password> OS_PROJECT_NAME=<its project>',
    '  export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default',
  ];
  for (const n of serving.networks.networks) lines.push(`  network ${n.name}: ${n.id}`);
  for (const p of serving.networks.ports) lines.push(`  port ${p.name}: ${p.id}`);
  return `${lines.join('\n')}\n`;
}
