import { ProjectHosts } from '../../model/project-hosts.js';
import type { HostWeigher } from './types.js';

/**
 * ProjectSpreadWeigher (novasim's own, not in Nova): fewer of the request's
 * project's servers on the host weigh more, spreading each customer's
 * servers across hosts the way soft-anti-affinity spreads a group. Its cost
 * grows with the number of hosts the project uses.
 */
export const projectSpreadWeigher: HostWeigher = {
  name: 'ProjectSpreadWeigher',
  minval: null,
  maxval: null,
  multiplier: (m) => m,
  weighs: {
    kind: 'count',
    follow: (inventory) => {
      const projects = ProjectHosts.following(inventory);
      return (request) => projects.countsOf(request.project);
    },
    raw: (count) => -count,
  },
};
