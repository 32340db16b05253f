import type { ActionName } from '../../lifecycle/requests.js';
import { ADMIN_PASSWORD, BOOLEAN, DESCRIPTION, METADATA, NAME, PERSONALITY } from './create-schema.js';
import type { Schema } from './json-schema.js';
import { atLeast, type Microversion } from './microversion.js';
import { idFromHref } from './names.js';

/** One server action of POST /servers/{id}/action, keyed by its body's root key as Nova's controllers register it. */
export interface ActionBody {
  /** The request table's action. */
  readonly action: ActionName;
  /** The body schema at a microversion (nova/api/openstack/compute/schemas/*.py). */
  readonly schema: (v: Microversion) => Schema;
  /** The request table's fields from the body's value (the image id is resolved by the caller). */
  readonly fields: (value: Record<string, unknown>, v: Microversion) => Record<string, unknown>;
  /** The answer's status when the action is accepted. */
  readonly status: number;
}

const FQDN: Schema = { type: 'string', pattern: '^[a-zA-Z0-9-._]*$', minLength: 1, maxLength: 255 };
const HOST_OR_NULL: Schema = { type: ['string', 'null'], pattern: '^[a-zA-Z0-9-._]*$', minLength: 1, maxLength: 255 };
const UUID: Schema = { type: 'string', format: 'uuid' };
const NON_NEGATIVE_INTEGER: Schema = { type: ['integer', 'string'], pattern: '^[0-9]*$', minimum: 0, minLength: 1 };

/** A body `{ key: value }`, and nothing else. */
const root = (key: string, value: Schema): Schema => ({ type: 'object', properties: { [key]: value }, required: [key], additionalProperties: false });
/** A body whose value may be anything (Nova's `{}` schema: null by convention). */
const bare = (key: string) => () => root(key, {});
const obj = (properties: Record<string, Schema>, required: string[] = [], nullable = false): Schema => ({
  type: nullable ? ['object', 'null'] : 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: false,
});
const none = () => ({});
const host = (value: Record<string, unknown>) => (typeof value['host'] === 'string' ? { host: value['host'] } : {});
const given = (value: Record<string, unknown>, from: string, to: string) => (value[from] === undefined ? {} : { [to]: value[from] });

// prettier-ignore
export const ACTION_BODIES: Readonly<Record<string, ActionBody>> = {
  reboot: { action: 'reboot', status: 202,
    schema: () => root('reboot', obj({ type: { type: 'string', enum: ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft'] } }, ['type'])),
    fields: (b) => ({ type: String(b['type']).toUpperCase() }) },
  rebuild: { action: 'rebuild', status: 202,
    schema: (v) => root('rebuild', obj({
      name: NAME, imageRef: UUID, adminPass: ADMIN_PASSWORD, metadata: METADATA, preserve_ephemeral: BOOLEAN, 'OS-DCF:diskConfig': { type: 'string', enum: ['AUTO', 'MANUAL'] },
      accessIPv4: { type: 'string', format: 'ipv4' }, accessIPv6: { type: 'string', format: 'ipv6' }, personality: PERSONALITY,
      ...(atLeast(v, '2.19') ? { description: DESCRIPTION } : {}), ...(atLeast(v, '2.54') ? { key_name: { oneOf: [{ type: 'string', minLength: 1, maxLength: 255 }, { type: 'null' }] } } : {}),
    }, ['imageRef'])),
    fields: (b) => ({ image: b['imageRef'], ...given(b, 'adminPass', 'admin_pass'), ...given(b, 'metadata', 'metadata'), ...given(b, 'personality', 'personality') }) },
  resize: { action: 'resize', status: 202,
    schema: () => root('resize', obj({ flavorRef: { type: ['string', 'integer'], minLength: 1 }, 'OS-DCF:diskConfig': { type: 'string', enum: ['AUTO', 'MANUAL'] } }, ['flavorRef'])),
    fields: (b) => ({ flavor: idFromHref(String(b['flavorRef'])) }) },
  confirmResize: { action: 'confirm_resize', status: 204, schema: bare('confirmResize'), fields: none },
  revertResize: { action: 'revert_resize', status: 202, schema: bare('revertResize'), fields: none },
  'os-start': { action: 'start', status: 202, schema: bare('os-start'), fields: none },
  'os-stop': { action: 'stop', status: 202, schema: bare('os-stop'), fields: none },
  pause: { action: 'pause', status: 202, schema: bare('pause'), fields: none },
  unpause: { action: 'unpause', status: 202, schema: bare('unpause'), fields: none },
  suspend: { action: 'suspend', status: 202, schema: bare('suspend'), fields: none },
  resume: { action: 'resume', status: 202, schema: bare('resume'), fields: none },
  lock: { action: 'lock', status: 202, schema: bare('lock'), fields: none },
  unlock: { action: 'unlock', status: 202, schema: bare('unlock'), fields: none },
  rescue: { action: 'rescue', status: 200,
    schema: () => root('rescue', obj({ adminPass: ADMIN_PASSWORD, rescue_image_ref: UUID }, [], true)), fields: none },
  unrescue: { action: 'unrescue', status: 202, schema: bare('unrescue'), fields: none },
  shelve: { action: 'shelve', status: 202, schema: bare('shelve'), fields: none },
  shelveOffload: { action: 'shelve_offload', status: 202, schema: bare('shelveOffload'), fields: none },
  unshelve: { action: 'unshelve', status: 202, schema: bare('unshelve'), fields: none },
  createImage: { action: 'snapshot', status: 202,
    schema: () => root('createImage', obj({ name: NAME, metadata: METADATA }, ['name'])), fields: none },
  createBackup: { action: 'backup', status: 202,
    schema: () => root('createBackup', obj({ name: NAME, backup_type: { type: 'string' }, rotation: NON_NEGATIVE_INTEGER, metadata: METADATA }, ['name', 'backup_type', 'rotation'])),
    fields: (b) => ({ backup_type: b['backup_type'], rotation: Number(b['rotation']) }) },
  changePassword: { action: 'set_admin_password', status: 202,
    schema: () => root('changePassword', obj({ adminPass: ADMIN_PASSWORD }, ['adminPass'])), fields: (b) => ({ admin_pass: b['adminPass'] }) },
  migrate: { action: 'migrate', status: 202,
    schema: (v) => root('migrate', atLeast(v, '2.56') ? obj({ host: HOST_OR_NULL }, [], true) : {}), fields: host },
  'os-migrateLive': { action: 'live_migrate', status: 202,
    schema: (v) => root('os-migrateLive', atLeast(v, '2.25')
      ? obj({ block_migration: { ...BOOLEAN, enum: [...BOOLEAN.enum!, 'auto'] }, host: HOST_OR_NULL, ...(atLeast(v, '2.30') ? { force: BOOLEAN } : {}) }, ['block_migration', 'host'])
      : obj({ block_migration: BOOLEAN, disk_over_commit: BOOLEAN, host: HOST_OR_NULL }, ['block_migration', 'disk_over_commit', 'host'])),
    fields: host },
  evacuate: { action: 'evacuate', status: 200,
    schema: (v) => root('evacuate', atLeast(v, '2.14')
      ? obj({ host: FQDN, adminPass: ADMIN_PASSWORD, ...(atLeast(v, '2.29') ? { force: BOOLEAN } : {}) })
      : obj({ host: FQDN, onSharedStorage: BOOLEAN, adminPass: ADMIN_PASSWORD }, ['onSharedStorage'])),
    fields: host },
  'os-resetState': { action: 'reset_state', status: 202,
    schema: () => root('os-resetState', obj({ state: { type: 'string', enum: ['active', 'error'] } }, ['state'])), fields: (b) => ({ state: b['state'] }) },
  restore: { action: 'restore', status: 202, schema: bare('restore'), fields: none },
  forceDelete: { action: 'force_delete', status: 202, schema: bare('forceDelete'), fields: none },
};
