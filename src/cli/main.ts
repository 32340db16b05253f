#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, InputError, OperationError } from '../run/input-error.js';
import { installInterruptHandlers, onInterrupt } from '../run/interrupts.js';
import { MAX_INPUT_MB } from '../run/text-file.js';

// Each command imports what it runs when it runs: a command loads only its own modules (serve, sweep and
// Parquet are hundreds of files a run never needs), and `--help` loads none of them.

const say = (text: string): void => void process.stderr.write(text);
const print = (text: string): void => void process.stdout.write(text);

/** The command being run, for messages: `novasim run: ...`. */
let command = '';

const maxFileMb = {
  type: 'number',
  default: MAX_INPUT_MB,
  describe: 'largest scenario or sweep file read, in MiB',
} as const;

/** A number flag given as a positive whole number (yargs reads a bare `--workers` as NaN). */
function wholeNumber(flag: string, value: number | undefined, min: number): number | undefined {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new InputError(`${flag}: expected a whole number >= ${min}, got ${value}`);
  return value;
}

function positive(flag: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new InputError(`${flag}: expected a number > 0, got ${value}`);
  return value;
}

/** The novasim command line: the only place with argv, console and exit codes. */
async function main(argv: string[]): Promise<void> {
  const cli = yargs(argv)
    .scriptName('novasim')
    .usage('$0 <command> [options]')
    .command(
      'run <file>',
      'run a scenario file and write its results folder',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
          .option('seed', { type: 'string', describe: "override the scenario's seed (a whole number from 0 to 2^53 - 1)" })
          .option('out', { type: 'string', describe: 'results folder (default results/<scenario name>)' })
          .option('set', { type: 'string', array: true, describe: 'override a scenario field: path=value (repeatable)' })
          .option('report', { type: 'boolean', default: true, describe: 'write report.html (--no-report skips it)' })
          .option('outputs', { type: 'string', array: true, describe: "write a file or not, as the scenario's outputs: does: file=on|off, events.csv=full|requests|off, format=csv|parquet (repeatable)" })
          .option('quiet', { type: 'boolean', describe: 'print nothing but errors and failed expectations (on stderr)' })
          .option('json', { type: 'boolean', describe: "print the run's summary.json instead of the table of what happened" })
          .conflicts('quiet', 'json')
          .option('max-file-mb', maxFileMb),
      async (args) => {
        command = 'run';
        const [{ runToFolder }, { progressLine }, { runSummaryText }, { expectationsTable }] = await Promise.all([
          import('../run/run-to-folder.js'),
          import('./progress.js'),
          import('./run-summary.js'),
          import('./expectations-table.js'),
        ]);
        const progress = progressLine(process.stderr, basename(args.file));
        try {
          const outcome = await runToFolder(
            { file: args.file, out: args.out, seed: args.seed, set: args.set, outputs: args.outputs, report: args.report, maxFileMb: positive('--max-file-mb', args.maxFileMb) },
            progress,
          );
          progress.clear();
          const failed = outcome.expectations !== null && outcome.expectations.failed > 0;
          if (failed) process.exitCode = EXIT.failed;
          // The table and the JSON are read from the summary.json just written: one source for the file and the screen.
          const summaryJson = readFileSync(join(outcome.folder, 'summary.json'), 'utf8');
          if (args.json) {
            print(summaryJson);
            if (failed) say(`novasim run: ${outcome.expectations!.failed} of ${outcome.expectations!.verdicts.length} expectations FAILED (${join(outcome.folder, 'expectations.json')})\n`);
          } else if (args.quiet) {
            if (failed) say(expectationsTable(outcome.expectations!));
          } else {
            print(runSummaryText(summaryJson, outcome.expectations, args.report ? join(outcome.folder, 'report.html') : undefined));
            if (failed) print(`\n${expectationsTable(outcome.expectations!)}`);
            print(`results written to ${outcome.folder}\n`);
          }
        } finally {
          progress.clear();
        }
      },
    )
    .command(
      'validate <file>',
      'check a scenario file without running it',
      (y) => y.positional('file', { type: 'string', demandOption: true }).option('max-file-mb', maxFileMb),
      async (args) => {
        command = 'validate';
        const { validateScenario } = await import('../run/run-to-folder.js');
        const scenario = await validateScenario({ file: args.file, maxFileMb: positive('--max-file-mb', args.maxFileMb) });
        print(`${args.file}: valid scenario '${scenario.name}'\n`);
      },
    )
    .command(
      'explain <dir> <server>',
      "show how the scheduler placed a server, from a results folder's placements.jsonl",
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, describe: 'results folder of a run' })
          .positional('server', { type: 'string', demandOption: true, describe: 'server name' }),
      async (args) => {
        command = 'explain';
        const { explainCommand } = await import('./explain.js');
        process.exitCode = await explainCommand(args.dir, args.server, process.stdout, process.stderr);
      },
    )
    .command(
      'servers <dir>',
      'list the servers of a results folder as GET /servers does (newest first, with its filters), at the end of the run or --at a time',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, describe: 'results folder of a run' })
          .option('status', { type: 'string', array: true, describe: 'API status (repeatable): ACTIVE, ERROR, SHUTOFF, ...' })
          .option('flavor', { type: 'string', describe: 'flavor name' })
          .option('image', { type: 'string', describe: 'image name' })
          .option('name', { type: 'string', describe: 'a regular expression matched anywhere in the name' })
          .option('host', { type: 'string', describe: 'host name' })
          .option('project', { type: 'string', describe: 'project name' })
          .option('changes-since', { type: 'string', describe: 'servers changed at or after this simulated time, deleted ones included' })
          .option('deleted', { type: 'boolean', describe: 'deleted servers only' })
          .option('at', { type: 'string', describe: 'the servers as they stood at this simulated time (seconds, or 90m, 2d ...), from events.csv' })
          .option('long', { type: 'boolean', default: false, describe: 'the detail view: ids, states, times, addresses' })
          .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as const, describe: 'output format' })
          .option('limit', { type: 'number', default: 1000, describe: 'most servers shown (the newest), as Nova pages by [api] max_limit' }),
      async (args) => {
        command = 'servers';
        const { serversCommand } = await import('./servers-command.js');
        const limit = wholeNumber('--limit', args.limit, 1) ?? 1000;
        await serversCommand(
          args.dir,
          {
            statuses: args.status, flavor: args.flavor, image: args.image, name: args.name, host: args.host, project: args.project,
            changesSinceText: args.changesSince, deleted: args.deleted, at: args.at, long: args.long, format: args.format, limit,
          },
          process.stdout,
        );
      },
    )
    .command(
      'show <dir> <server>',
      "one server's history in a results folder: its requests with outcome and reason, its state changes, placements and moves",
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, describe: 'results folder of a run' })
          .positional('server', { type: 'string', demandOption: true, describe: 'server name' }),
      async (args) => {
        command = 'show';
        const { showCommand } = await import('./show-command.js');
        process.exitCode = await showCommand(args.dir, args.server, process.stdout, process.stderr);
      },
    )
    .command(
      'diff <a> <b>',
      "compare two results folders' summary.json metric by metric; exits 1 when a metric moved",
      (y) =>
        y
          .positional('a', { type: 'string', demandOption: true, describe: 'results folder (before)' })
          .positional('b', { type: 'string', demandOption: true, describe: 'results folder (after)' })
          .option('all', { type: 'boolean', default: false, describe: 'print every metric, not only those that moved' })
          .option('tolerance', { type: 'number', default: 0, describe: 'relative change treated as unchanged, e.g. 0.01' }),
      async (args) => {
        command = 'diff';
        const { diffCommand } = await import('./diff-command.js');
        process.exitCode = diffCommand(args.a, args.b, { all: args.all, tolerance: args.tolerance }, process.stdout);
      },
    )
    .command(
      'sweep <file>',
      'run every matrix point x seed of a sweep file on worker threads, resuming where it stopped, and tabulate',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'sweep file (YAML)' })
          .option('out', { type: 'string', describe: 'sweep folder (default results/<sweep name>)' })
          .option('workers', { type: 'number', describe: 'worker threads (default: the number of cores)' })
          .option('shard', { type: 'string', describe: 'run only shard I of N (run index mod N == I-1), e.g. 2/8' })
          .option('report', { type: 'boolean', default: true, describe: "write report.html for the sweep and each run (--no-report skips them)" }),
      async (args) => {
        command = 'sweep';
        const [{ parseShard }, { runSweep }] = await Promise.all([import('../experiment/run-plan.js'), import('../run/sweep.js')]);
        const workers = wholeNumber('--workers', args.workers, 1);
        const shard = args.shard === undefined ? undefined : parseShard(args.shard);
        if (typeof shard === 'string') throw new InputError(shard);
        const outcome = await runSweep({ file: args.file, out: args.out, workers, shard, report: args.report }, { say, print, runDone: sweepProgress() });
        if (outcome.failed > 0) process.exitCode = EXIT.failed;
      },
    )
    .command(
      'merge <out> <dirs..>',
      'gather the run folders of sweep folders (shards) into one and tabulate; exits 1 when runs are missing',
      (y) =>
        y
          .positional('out', { type: 'string', demandOption: true, describe: 'sweep folder to merge into' })
          .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'sweep folders to merge' })
          .option('report', { type: 'boolean', default: true, describe: "write the sweep's report.html (--no-report skips it)" }),
      async (args) => {
        command = 'merge';
        const { mergeSweeps } = await import('../run/merge.js');
        const outcome = await mergeSweeps(args.out, args.dirs, { say, print }, args.report);
        if (outcome.missing > 0) process.exitCode = EXIT.failed;
      },
    )
    .command(
      'serve <file>',
      "serve a scenario's cloud to OpenStack clients (Keystone, the Compute API, Image v2) until SIGINT or SIGTERM, then write its results folder",
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON) whose projects have users' })
          .option('port', { type: 'number', default: 8774, describe: 'TCP port (0: any free one)' })
          .option('bind', { type: 'string', default: '127.0.0.1', describe: 'address to listen on (default: this machine only)' })
          .option('speed', { type: 'number', default: 1, describe: 'simulated seconds per wall-clock second' })
          .option('record', { type: 'string', describe: 'write every request taken, as a scenario file that novasim run replays' })
          .option('out', { type: 'string', describe: 'results folder (default results/<scenario name>)' })
          .option('max-file-mb', maxFileMb),
      async (args) => {
        command = 'serve';
        const [{ serve }, { servingText }] = await Promise.all([import('../serve/serve.js'), import('./serving-text.js')]);
        const port = wholeNumber('--port', args.port, 0) ?? 8774;
        if (port > 65_535) throw new InputError(`--port: expected a port from 0 to 65535, got ${port}`);
        const serving = await serve({
          file: args.file, port, bind: args.bind, speed: positive('--speed', args.speed), record: args.record, out: args.out, maxFileMb: positive('--max-file-mb', args.maxFileMb),
        });
        print(servingText(serving));
        // Serving goes on until SIGINT or SIGTERM: then the run ends where it is and its folder is written.
        await new Promise<void>((done) =>
          onInterrupt(async () => {
            const outcome = await serving.stop();
            print(`stopped at ${outcome.stoppedAt} s simulated; results written to ${outcome.folder}\n`);
            if (outcome.recording !== undefined) print(`recording written to ${outcome.recording} (novasim run replays it)\n`);
            done();
          }),
        );
      },
    )
    .demandCommand(1, 'name a command: run, validate, servers, show, explain, diff, sweep, merge or serve')
    .strict()
    .fail((message, error) => {
      if (error) throw error;
      throw new InputError(`${message}\nRun 'novasim --help' for usage.`);
    })
    .help();
  await cli.parseAsync();
}

/** A progress line on a terminal: runs done, failed, time left from the mean so far; nothing when piped. */
function sweepProgress(): ((done: number, total: number, failed: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return (done, total, failed) => {
    const left = ((Date.now() - started) / 1000 / done) * (total - done);
    say(`\r${done}/${total} runs done, ${failed} failed, ${left.toFixed(0)} s left\x1b[K`);
    if (done === total) say('\n');
  };
}

// A reader that stops early (novasim run ... | head) closes the pipe: what is left to print goes nowhere, quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});
installInterruptHandlers(say);
try {
  await main(hideBin(process.argv));
  process.exitCode ??= EXIT.ok;
} catch (e) {
  const who = command === '' ? 'novasim' : `novasim ${command}`;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof InputError) {
    say(`${who}: ${message}\n`);
    process.exitCode = EXIT.invalid;
  } else if (e instanceof OperationError) {
    say(`${who}: ${message}\n`);
    process.exitCode = EXIT.failed;
  } else {
    // Not a problem of the input: a defect. One line by default; the stack with NOVASIM_DEBUG set.
    say(`${who}: failed: ${message}\n${process.env['NOVASIM_DEBUG'] !== undefined && e instanceof Error ? `${e.stack}\n` : ''}`);
    process.exitCode = EXIT.failed;
  }
}
