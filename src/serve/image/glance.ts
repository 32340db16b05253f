import type { Image } from '../../model/catalog.js';
import type { Inventory } from '../../model/inventory.js';
import { isoTime } from '../../metrics/writers/iso-time.js';
import { reply, type Call, type Reply } from '../http/exchange.js';
import { Router, type Params } from '../http/router.js';
import { idOf, imageNamed } from '../compute/ids.js';

export type ImageHandler = (call: Call, params: Params) => Reply;

/** An image as Glance v2 shows it: the scenario's images, public and active, made at the start of the run. */
function imageView(image: Image): Record<string, unknown> {
  const id = idOf('image', image.id);
  return {
    id,
    name: image.name,
    status: 'active',
    visibility: 'public',
    protected: false,
    os_hidden: false,
    size: Math.round(image.sizeGb * 1024 ** 3),
    virtual_size: null,
    disk_format: 'qcow2',
    container_format: 'bare',
    checksum: null,
    min_disk: 0,
    min_ram: 0,
    owner: null,
    tags: [],
    created_at: isoTime(0),
    updated_at: isoTime(0),
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: '/v2/schemas/image',
  };
}

/** Glance's error body for an image it does not have. */
const notFound = (message: string): Reply => reply(404, { code: 404, title: 'Not Found', message });

/**
 * A minimal Image v2: version discovery, the list (filtered by name, as
 * openstacksdk finds an image by name) and one image. Images are the
 * scenario's; snapshots and uploads are not served.
 */
export function imageRoutes(inventory: Inventory): Router<ImageHandler> {
  const images = (): Image[] => [...inventory.images.values()];
  return new Router<ImageHandler>()
    .add('GET', '', (call) => reply(300, { versions: [{ id: 'v2.16', status: 'CURRENT', links: [{ rel: 'self', href: `${call.origin}/image/v2/` }] }] }))
    .add('GET', 'v2/images', (call) => {
      const name = call.query.get('name');
      const list = images().filter((i) => name === null || i.name === name);
      return reply(200, { images: list.map(imageView), first: '/v2/images', schema: '/v2/schemas/images' });
    })
    .add('GET', 'v2/images/:id', (_call, params) => {
      const image = imageNamed(inventory, params['id'] ?? '');
      return image === undefined ? notFound(`No image found with ID ${params['id']}`) : reply(200, imageView(image));
    });
}
