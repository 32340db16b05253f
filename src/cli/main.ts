#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { diffCommand } from './diff-command.js';
import { explainCommand } from './explain.js';
import { expectationsTable } from './expectations-table.js';
import { EXIT, InputError } from './input-error.js';
import { readScenario, runCommand, scenarioPolicy } from './run-command.js';
import { mergeCommand } from './merge-command.js';
import { sweepCommand } from './sweep-command.js';
import { parseShard } from '../experiment/run-plan.js';

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
          .option('seed', { type: 'number', describe: "override the scenario's seed" })
          .option('out', { type: 'string', describe: 'results folder (default results/<scenario name>)' })
          .option('set', { type: 'string', array: true, describe: 'override a scenario field: path=value (repeatable)' })
          .option('report', { type: 'boolean', default: true, describe: 'write report.html (--no-report skips it)' }),
      async (args) => {
        if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0))
          throw new InputError(`--seed: expected a whole number >= 0, got ${args.seed}`);
        const { folder, expectations } = await runCommand({ file: args.file, out: args.out, seed: args.seed, set: args.set, report: args.report }, process.stderr);
        process.stdout.write(`results written to ${folder}\n`);
        if (expectations) {
          process.stdout.write(expectationsTable(expectations));
          if (expectations.failed > 0) process.exitCode = EXIT.failed;
        }
      },
    )
    .command(
      'validate <file>',
      'check a scenario file without running it',
      (y) => y.positional('file', { type: 'string', demandOption: true }),
      async (args) => {
        const scenario = readScenario(args.file);
        await scenarioPolicy(scenario, args.file);
        process.stdout.write(`${args.file}: valid scenario '${scenario.name}'\n`);
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
        process.exitCode = await explainCommand(args.dir, args.server, process.stdout, process.stderr);
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
      (args) => {
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
        if (args.workers !== undefined && !(Number.isInteger(args.workers) && args.workers >= 1))
          throw new InputError(`--workers: expected a whole number >= 1, got ${args.workers}`);
        const shard = args.shard === undefined ? undefined : parseShard(args.shard);
        if (typeof shard === 'string') throw new InputError(shard);
        const outcome = await sweepCommand({ file: args.file, out: args.out, workers: args.workers, shard, report: args.report }, process.stdout, process.stderr);
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
        const outcome = await mergeCommand(args.out, args.dirs, process.stdout, process.stderr, args.report);
        if (outcome.missing > 0) process.exitCode = EXIT.failed;
      },
    )
    .demandCommand(1, 'name a command: run, validate, explain, diff, sweep or merge')
    .strict()
    .fail((message, error) => {
      if (error) throw error;
      throw new InputError(`${message}\nRun 'novasim --help' for usage.`);
    })
    .help();
  await cli.parseAsync();
}

try {
  await main(hideBin(process.argv));
  process.exitCode ??= EXIT.ok;
} catch (e) {
  if (e instanceof InputError) {
    process.stderr.write(`novasim: ${e.message}\n`);
    process.exitCode = EXIT.invalid;
  } else {
    process.stderr.write(`novasim: the run failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT.failed;
  }
}
