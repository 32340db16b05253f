/**
 * The worker-thread entry tinypool calls for one run of a sweep. The sweep's
 * own thread checked the scenario and claimed the run's folder; here the
 * plug-in loads (as in `run`) and the run writes its files. A failure comes
 * back as a value so the pool and the other runs go on.
 */
import { performJob, type JobResult, type RunJob } from './run-job.js';

export default function runSweepTask(job: RunJob): Promise<JobResult> {
  return performJob(job);
}
