import { join } from 'node:path';
import { InputError } from '../run/input-error.js';
import { DiskFolder } from '../run/output-folder.js';
import { readScenario } from '../run/read-scenario.js';
import { ResultsFolder } from '../run/results-folder.js';
import { scenarioPolicy } from '../run/run-job.js';
import { executeRun } from '../run/run-scenario.js';
import { readTextFile } from '../run/text-file.js';
import type { Simulation } from '../scenario/build.js';
import { servedApp } from './app.js';
import { ServedClock } from './clock.js';
import { fault } from './compute/faults.js';
import { networkIdsOf, type NetworkIds } from './compute/networks.js';
import { ServedRecords } from './compute/records.js';
import { listen, type Listening } from './http/server.js';
import { Directory } from './identity/directory.js';
import { Tokens, TOKEN_SECONDS } from './identity/tokens.js';
import { Recorder } from './recorder.js';
import { RunOver, ServedCloud } from './served-cloud.js';

export interface ServeOptions {
  readonly file: string;
  /** Default 8774, Nova's; 0 takes a free port. */
  readonly port?: number | undefined;
  /** Default 127.0.0.1: a served cloud is reachable from this machine only unless told otherwise. */
  readonly bind?: string | undefined;
  /** Simulated seconds per wall-clock second (default 1). */
  readonly speed?: number | undefined;
  /** Write the requests taken as a scenario file (a recording) here when the served run stops. */
  readonly record?: string | undefined;
  /** The results folder (default results/<scenario name>). */
  readonly out?: string | undefined;
  readonly maxFileMb?: number | undefined;
  /** How long a token lives, in wall-clock seconds (Keystone's default, 3600). */
  readonly tokenSeconds?: number | undefined;
}

/** A served cloud, listening. */
export interface Serving {
  readonly url: string;
  readonly port: number;
  /** The ids the API gives the scenario's networks and ports (a create's `networks` names them). */
  readonly networks: ReturnType<typeof networkIdsOf>;
  /** Stops taking requests, ends the run now and writes the results folder (and the recording). */
  stop(): Promise<ServeOutcome>;
}

export interface ServeOutcome {
  readonly folder: string;
  readonly recording: string | undefined;
  /** When the served run stopped, in simulated seconds. */
  readonly stoppedAt: number;
}

/**
 * `novasim serve`: the scenario's cloud, running, behind Keystone and the
 * Compute API. The run is the run layer's (executeRun, the atomic results
 * folder): serving only drives it, taking requests as the clock goes, and
 * when stopped it ends the run where it is, so the folder is written as
 * `run` writes it.
 */
export async function serve(options: ServeOptions): Promise<Serving> {
  const scenario = readScenario({ file: options.file, maxFileMb: options.maxFileMb });
  if (scenario.served !== undefined) throw new InputError(`${options.file}: is a recording of a served run (it has served:); run it with novasim run, or remove served: to serve its cloud again`);
  const directory = new Directory(scenario.projects);
  if (directory.loginCount === 0) throw new InputError(`${options.file}: no user can log in; give a project users with passwords (projects: - { name: demo, users: [ { name: alice, password: ..., role: member } ] })`);
  const recorder = options.record === undefined ? undefined : new Recorder(options.record, readTextFile(options.file, 'scenario file', options.maxFileMb));
  const plugin = await scenarioPolicy(scenario, options.file);
  const folder = ResultsFolder.claim(options.out ?? join('results', scenario.name), options.out === undefined ? 'the results folder' : '--out', false);
  const networks: NetworkIds = { networks: scenario.networks.map((n) => n.name), ports: scenario.ports.map((p) => p.name) };

  let stopRequested: () => void = () => {};
  const stopped = new Promise<void>((done) => (stopRequested = done));
  let started: (listening: Listening) => void = () => {};
  let stoppedAt = 0;
  const listeningNow = new Promise<Listening>((done) => (started = done));

  const drive = async (simulation: Simulation): Promise<void> => {
    const cloud = new ServedCloud(simulation, new ServedClock(options.speed ?? 1, () => performance.now()));
    if (recorder !== undefined) cloud.onRequest((_entry, values) => recorder.add(values));
    const compute = { cloud, nova: simulation.nova, records: new ServedRecords(simulation.nova.cloud) };
    const tokens = new Tokens(() => Date.now(), options.tokenSeconds ?? TOKEN_SECONDS);
    const http = await listen(servedApp(compute, directory, tokens, networks), {
      port: options.port ?? 8774,
      bind: options.bind ?? '127.0.0.1',
      tooLarge: () => fault(413, 'Request is too large.'),
      failed: (_call, error) => {
        if (error instanceof RunOver) return fault(503, error.message);
        process.stderr.write(`novasim serve: a request failed: ${error instanceof Error ? error.message : String(error)}\n`);
        return fault(500, 'The server has either erred or is incapable of performing the requested operation.');
      },
    });
    started(http);
    await stopped;
    await http.close();
    stoppedAt = cloud.stop();
    recorder?.write(stoppedAt);
  };

  const info = { file: options.file, overrides: [], report: true };
  const run = executeRun(scenario, plugin, new DiskFolder(folder.temp), info, { drive }).then(
    () => folder.commit(),
    (e: unknown) => {
      folder.discard();
      throw e;
    },
  );
  const listening = await Promise.race([listeningNow, run.then(() => undefined)]).catch((e: unknown) => {
    throw (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new InputError(`--port ${options.port ?? 8774}: the address is in use`) : e;
  });
  if (listening === undefined) throw new Error('the served run ended before it listened');
  const host = options.bind === '0.0.0.0' || options.bind === '::' ? '127.0.0.1' : (options.bind ?? '127.0.0.1');
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`,
    port: listening.port,
    networks: networkIdsOf(networks),
    stop: async () => {
      stopRequested();
      await run;
      return { folder: folder.target, recording: recorder?.file, stoppedAt };
    },
  };
}
