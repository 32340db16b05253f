#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { explainCommand } from './explain.js';
import { EXIT, InputError } from './input-error.js';
import { readScenario, runCommand, scenarioPolicy } from './run-command.js';

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
          .option('set', { type: 'string', array: true, describe: 'override a scenario field: path=value (repeatable)' }),
      async (args) => {
        if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0))
          throw new InputError(`--seed: expected a whole number >= 0, got ${args.seed}`);
        const folder = await runCommand({ file: args.file, out: args.out, seed: args.seed, set: args.set }, process.stderr);
        process.stdout.write(`results written to ${folder}\n`);
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
    .demandCommand(1, 'name a command: run, validate or explain')
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
