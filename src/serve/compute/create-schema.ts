import type { Schema } from './json-schema.js';
import { atLeast, type Microversion } from './microversion.js';

/**
 * POST /servers' body schema at a microversion, transcribed from
 * nova/api/openstack/compute/schemas/servers.py (create, create_v219,
 * create_v232/233, create_v237, create_v242, create_v252) with the
 * parameter types of nova/api/validation/parameter_types.py.
 */
export const BOOLEAN: Schema = {
  type: ['boolean', 'string'],
  enum: [true, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', false, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'],
};
export const NAME: Schema = { type: 'string', format: 'name', minLength: 1, maxLength: 255 };
const POSITIVE_INTEGER: Schema = { type: ['integer', 'string'], pattern: '^[0-9]*$', minimum: 1, minLength: 1 };
const UUID: Schema = { type: 'string', format: 'uuid' };
const IP_ADDRESS: Schema = { type: 'string', oneOf: [{ format: 'ipv4' }, { format: 'ipv6' }] };
export const METADATA: Schema = { type: 'object', patternProperties: { '^[a-zA-Z0-9-_:. ]{1,255}$': { type: 'string', maxLength: 255 } }, additionalProperties: false };
export const PERSONALITY: Schema = {
  type: 'array',
  items: { type: 'object', properties: { path: { type: 'string' }, contents: { type: 'string', format: 'base64' } }, additionalProperties: false },
};
export const ADMIN_PASSWORD: Schema = { type: 'string' };
export const DESCRIPTION: Schema = { type: ['string', 'null'], minLength: 0, maxLength: 255 };
const TAG: Schema = { type: 'string', pattern: '^[^,/]*$', minLength: 1, maxLength: 60 };

const nic = (v: Microversion): Schema => ({
  type: 'object',
  properties: {
    fixed_ip: IP_ADDRESS,
    port: { type: ['string', 'null'], format: 'uuid' },
    uuid: atLeast(v, '2.37') ? UUID : { type: 'string' },
    ...(v.minor === 32 || v.minor === 33 || v.minor === 34 || v.minor === 35 || v.minor === 36 || atLeast(v, '2.42') ? { tag: TAG } : {}),
  },
  additionalProperties: false,
});

const bdmV2: Schema = {
  type: 'object',
  properties: {
    source_type: { type: 'string', enum: ['volume', 'image', 'snapshot', 'blank'] },
    uuid: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9._-]*$' },
    destination_type: { type: 'string', enum: ['local', 'volume'] },
    boot_index: { type: ['integer', 'string', 'null'], pattern: '^-?[0-9]+$' },
    volume_size: { type: ['integer', 'string'], pattern: '^[0-9]+$', minimum: 1, maximum: 0x7fffffff },
    delete_on_termination: BOOLEAN,
    device_name: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9._/-]*$' },
    virtual_name: { type: 'string', maxLength: 255 },
    volume_id: UUID,
    snapshot_id: UUID,
    image_id: UUID,
    no_device: {},
    connection_info: { type: 'string', maxLength: 16777215 },
    guest_format: { type: 'string', maxLength: 255 },
    device_type: { type: 'string', maxLength: 255 },
    disk_bus: { type: 'string', maxLength: 255 },
  },
  additionalProperties: false,
};

const hints: Schema = { type: 'object', properties: { group: { oneOf: [{ type: 'array', items: UUID }, UUID] } } };

/** The create body schema for version `v`. */
export function createSchema(v: Microversion): Schema {
  const networks: Schema = atLeast(v, '2.37') ? { oneOf: [{ type: 'array', items: nic(v) }, { type: 'string', enum: ['none', 'auto'] }] } : { type: 'array', items: nic(v) };
  const server: Schema = {
    type: 'object',
    properties: {
      name: NAME,
      imageRef: { oneOf: [UUID, { type: 'string', maxLength: 0 }] },
      flavorRef: { type: ['string', 'integer'], minLength: 1 },
      adminPass: ADMIN_PASSWORD,
      metadata: METADATA,
      networks,
      'OS-DCF:diskConfig': { type: 'string', enum: ['AUTO', 'MANUAL'] },
      accessIPv4: { type: 'string', format: 'ipv4' },
      accessIPv6: { type: 'string', format: 'ipv6' },
      personality: PERSONALITY,
      availability_zone: NAME,
      block_device_mapping_v2: { type: 'array', items: bdmV2 },
      config_drive: BOOLEAN,
      key_name: NAME,
      min_count: POSITIVE_INTEGER,
      max_count: POSITIVE_INTEGER,
      return_reservation_id: BOOLEAN,
      security_groups: { type: 'array', items: { type: 'object', properties: { name: NAME }, additionalProperties: false } },
      user_data: { type: 'string', format: 'base64', maxLength: 65535 },
      ...(atLeast(v, '2.19') ? { description: DESCRIPTION } : {}),
      ...(atLeast(v, '2.52') ? { tags: { type: 'array', items: TAG, maxItems: 50 } } : {}),
    },
    required: atLeast(v, '2.37') ? ['name', 'flavorRef', 'networks'] : ['name', 'flavorRef'],
    additionalProperties: false,
  };
  return {
    type: 'object',
    properties: { server, 'os:scheduler_hints': hints, 'OS-SCH-HNT:scheduler_hints': hints },
    required: ['server'],
    additionalProperties: false,
  };
}

/** parameter_types.boolean read as Python's strutils.bool_from_string reads it. */
export const truthy = (value: unknown): boolean => value === true || (typeof value === 'string' && ['true', '1', 'on', 'yes'].includes(value.toLowerCase()));
