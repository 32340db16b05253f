/** Entry of the worker thread a `novasim run` (or validate) job runs on: do the job, post the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { performJob, type RunJob } from './run-job.js';

parentPort?.postMessage(await performJob(workerData as RunJob));
