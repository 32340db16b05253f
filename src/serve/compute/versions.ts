import { reply, type Reply } from '../http/exchange.js';
import { MAX_VERSION, MIN_VERSION, versionText } from './microversion.js';

/** nova/api/openstack/compute/versions.py's v2.1 record, with the served maximum. */
const record = (origin: string) => ({
  id: 'v2.1',
  status: 'CURRENT',
  version: versionText(MAX_VERSION),
  min_version: versionText(MIN_VERSION),
  updated: '2013-07-23T11:33:21Z',
});

/** GET /compute: the versions served (v2.1 only: the legacy v2.0 is not). */
export const computeVersions = (origin: string): Reply =>
  reply(200, { versions: [{ ...record(origin), links: [{ rel: 'self', href: `${origin}/compute/v2.1/` }] }] });

/** GET /compute/v2.1: the version document clients negotiate microversions from. */
export const computeVersion = (origin: string): Reply =>
  reply(200, {
    version: {
      ...record(origin),
      links: [
        { rel: 'self', href: `${origin}/compute/v2.1/` },
        { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' },
      ],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
    },
  });
