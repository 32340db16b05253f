/**
 * `npm run bench` entry point: runs every section registered in
 * bench/sections.ts and prints Markdown to stdout.
 *
 *   node dist/bench/main.js [--quick] [--only <name>[,<name>...]]
 */
import { sections, type BenchContext } from './sections.js';

async function main(argv: readonly string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',').filter(Boolean)) : undefined;
  const unknown = only === undefined ? [] : [...only].filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown bench section(s): ${unknown.join(', ')}`);

  const ctx: BenchContext = { quick, argv, log: (line) => console.error(line) };
  console.log(`# novasim benchmarks${quick ? ' (quick)' : ''}\n`);
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const section of sections) {
    if (only !== undefined && !only.has(section.name)) continue;
    await section.run(ctx);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
