import { createHash } from 'node:crypto';

/**
 * The `hostId` the Compute API shows for a server: an opaque name for its
 * host that is stable within one project and differs between projects, so
 * a tenant can tell whether two of its servers share a host without
 * learning the host's name. "" when the server has no host.
 * cf. nova/utils.py generate_hostid: sha224((project_id + host).encode('utf-8')).hexdigest().
 * We pass the project's name as project_id, since the simulator has no Keystone ids.
 */
export function hostIdOf(host: string | null, projectId: string): string {
  if (host === null || host === '') return '';
  return createHash('sha224').update(projectId + host, 'utf8').digest('hex');
}
