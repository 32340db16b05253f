import { passwordFault } from '../../lifecycle/password-policy.js';
import type { RequestOf } from '../../lifecycle/requests.js';
import type { Operation } from '../operation.js';

/**
 * changePassword: the compute manager first needs the guest running
 * (else InstancePasswordSetFailed, "instance %s is not running", and the
 * server stays as it was); then the guest takes the password or refuses
 * it. A refusal puts the server in ERROR, as Nova's set_admin_password
 * does when the driver fails (`_set_instance_obj_error_state`). The API
 * allows the action in vm_state active only, so a server in ERROR is
 * mended by an admin's reset_state to active first, then this.
 */
export const setAdminPassword: Operation<undefined, RequestOf<'set_admin_password'>> = {
  outcome({ extras }, server, run) {
    if (server.powerState !== 'running')
      return { fail: `Failed to set admin password on ${server.uuid} because instance ${server.uuid} is not running` };
    const verdict = extras.landPassword(server, run.request.admin_pass);
    return verdict.problems.length === 0 ? null : { fail: passwordFault(server.uuid, verdict.problems), vmState: 'error' };
  },
};
