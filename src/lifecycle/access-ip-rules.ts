import { canonicalIp, type IpVersion } from '../model/ip-address.js';
import { badRequest, type Refusal } from './refusal.js';

/** The request schema's 400 when an access address is not one of its version (parameter_types.accessIPv4/accessIPv6). */
export function accessIpRefusal(field: 'accessIPv4' | 'accessIPv6', text: string | undefined, version: IpVersion): Refusal | null {
  if (text === undefined || canonicalIp(text, version) !== null) return null;
  return badRequest(`Invalid input for field/attribute ${field}. Value: ${text}. '${text}' is not a 'ipv${version}'`);
}
