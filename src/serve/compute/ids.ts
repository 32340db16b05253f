import type { Inventory } from '../../model/inventory.js';

/**
 * The ids the served API gives what the model names by name or index:
 * images (Nova's imageRef must be a UUID), networks and ports (a create's
 * `networks`), compute services and hypervisors (UUIDs since 2.53) and
 * aggregates (2.41). Each is an RFC 4122-shaped id made from the index, so
 * they are the same in every run and read back without a table.
 */
export type IdKind = 'image' | 'network' | 'port' | 'service' | 'hypervisor' | 'aggregate';

const PREFIX: Readonly<Record<IdKind, string>> = {
  image: '00000000-0000-4000-a000-',
  network: '00000000-0000-4000-b000-',
  port: '00000000-0000-4000-c000-',
  service: '00000000-0000-4000-d000-',
  hypervisor: '00000000-0000-4000-e000-',
  aggregate: '00000000-0000-4000-f000-',
};

export const idOf = (kind: IdKind, index: number): string => `${PREFIX[kind]}${index.toString(16).padStart(12, '0')}`;

/** The index an id of `kind` was made from; undefined for any other text. */
export function indexOf(kind: IdKind, id: string): number | undefined {
  const text = id.toLowerCase();
  if (!text.startsWith(PREFIX[kind])) return undefined;
  const hex = text.slice(PREFIX[kind].length);
  return /^[0-9a-f]{12}$/.test(hex) ? Number.parseInt(hex, 16) : undefined;
}

/** The image an id names: images are kept by name, in the order the scenario lists them. */
export function imageNamed(inventory: Inventory, id: string) {
  const index = indexOf('image', id);
  return index === undefined ? undefined : [...inventory.images.values()][index];
}

/** An image's id (its index in the catalogue). */
export function imageIdOf(inventory: Inventory, name: string): string {
  return idOf('image', inventory.images.get(name)?.id ?? 0);
}
