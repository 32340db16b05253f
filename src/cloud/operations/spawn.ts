import { passwordFault } from '../../lifecycle/password-policy.js';
import type { Image } from '../../model/catalog.js';
import type { Server } from '../../model/server.js';
import type { TaskState } from '../../model/states.js';
import type { OperationContext, Outcome, Running } from '../operation.js';

/**
 * The image download of a build: Nova's driver fetches the image during
 * spawn, so it lengthens the `spawning` step by the image's size over the
 * host's link (nothing for a volume-backed server, or off that step).
 */
export function downloadTime({ cloud, extras }: OperationContext, server: Server, taskState: TaskState): number {
  if (taskState !== 'spawning' || server.host === null) return 0;
  return extras.downloadSeconds(server, cloud.inventory.host(server.host));
}

/** A spawn begins: its progress clock runs over the download and the step's share of the duration. */
export function beginSpawn(ctx: OperationContext, server: Server, run: Running, taskState: TaskState): null {
  const seconds = (run.stepDurations[run.step] ?? 0) + downloadTime(ctx, server, taskState);
  ctx.extras.progress.begin(server, ctx.cloud.now, seconds);
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
