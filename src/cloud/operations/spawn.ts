import { passwordFault } from '../../lifecycle/password-policy.js';
import type { Image } from '../../model/catalog.js';
import type { Server } from '../../model/server.js';
import type { TaskState } from '../../model/states.js';
import type { OperationContext, Outcome, Running } from '../operation.js';

/**
 * A spawn begins: its progress clock runs over the image download (as
 * long as it would take if it started now, sharing the host's link; none
 * when the host has the image cached) and the step's share of the
 * duration. A download that ends later than that holds progress at 99.
 * Only a build's spawn downloads (a rebuild's image is taken as cached).
 */
export function beginSpawn(ctx: OperationContext, server: Server, run: Running, taskState: TaskState): null {
  const download = taskState === 'spawning' && server.host !== null ? ctx.images.estimate(server, ctx.cloud.inventory.host(server.host)) : 0;
  ctx.extras.progress.begin(server, ctx.cloud.now, (run.stepDurations[run.step] ?? 0) + download);
  return null;
}

/**
 * The spawn is over and the server built: its disk gets the image's files
 * and the request's personality files, and the guest gets the admin
 * password. A password the policy refuses puts the server in ERROR, built
 * and running, with Nova's InstancePasswordSetFailed as its fault (the
 * seed: "The server might enter an ERROR state if the complexity
 * requirements are not met"); changePassword is then what mends it.
 */
export function landSpawn(ctx: OperationContext, server: Server, image: Image = server.image): Outcome {
  const verdict = ctx.extras.landSpawn(server, ctx.cloud.now, image);
  if (verdict.problems.length === 0) return null;
  server.launchedAt = ctx.cloud.now;
  server.powerState = 'running';
  ctx.extras.progress.end(server, 100);
  return { fail: passwordFault(server.uuid, verdict.problems), vmState: 'error' };
}
