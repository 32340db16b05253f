#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, InputError, readScenario, runCommand } from './run-command.js';

/** The novasim command line: the only place with argv, console and exit codes. */
function main(argv: string[]): void {
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
      (args) => {
        if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0))
          throw new InputError(`--seed: expected a whole number >= 0, got ${args.seed}`);
        const folder = runCommand({ file: args.file, out: args.out, seed: args.seed, set: args.set }, process.stderr);
        process.stdout.write(`results written to ${folder}\n`);
      },
    )
    .command(
      'validate <file>',
      'check a scenario file without running it',
      (y) => y.positional('file', { type: 'string', demandOption: true }),
      (args) => {
        const scenario = readScenario(args.file);
        process.stdout.write(`${args.file}: valid scenario '${scenario.name}'\n`);
      },
    )
    .demandCommand(1, 'name a command: run or validate')
    .strict()
    .fail((message, error) => {
      if (error) throw error;
      throw new InputError(`${message}\nRun 'novasim --help' for usage.`);
    })
    .help();
  cli.parseSync();
}

try {
  main(hideBin(process.argv));
  process.exitCode = EXIT.ok;
} catch (e) {
  if (e instanceof InputError) {
    process.stderr.write(`novasim: ${e.message}\n`);
    process.exitCode = EXIT.invalid;
  } else {
    process.stderr.write(`novasim: the run failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT.failed;
  }
}
