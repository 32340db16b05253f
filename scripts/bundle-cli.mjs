/**
 * The second half of `npm run build`: the novasim command line as one
 * file, dist/src/cli/main.js, in place of the one tsc wrote (tsc still
 * type-checks and compiles it, and everything else: the library and the
 * benchmarks stay tsc's files).
 *
 * Why: a run loads about 320 of novasim's modules and yargs, and a report
 * another 290 (Vega, Vega-Lite and d3). Node resolves, opens and compiles
 * each on its own; bundled, the command line starts in 0.15 s of CPU
 * instead of 0.35 s, and Vega loads in 0.06 s instead of 0.3 s.
 *
 * Not minified (stack traces, NOVASIM_DEBUG's, and profiles keep their
 * names; minifying saved nothing measurable) and without source maps: each
 * function's module is named in a comment above it, and the maps would add
 * 20 MB to the package. The worker threads' entries are
 * bundled beside main.js, where its `new URL('./run-worker.js',
 * import.meta.url)` and `'./sweep-worker.js'` look for them.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: [
    { in: 'src/cli/main.ts', out: 'main' },
    { in: 'src/run/run-worker.ts', out: 'run-worker' },
    { in: 'src/run/sweep-worker.ts', out: 'sweep-worker' },
  ],
  outdir: 'dist/src/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Packages that find files beside their own modules, so they load from node_modules as installed:
  // tsx (a TypeScript plug-in policy's loader), tinypool (its worker's entry file), and yargs (its
  // messages' translations, and package.json for --version).
  external: ['tsx', 'tinypool', 'yargs'],
  // Bundled CommonJS packages (seedrandom, ...) call require() for Node's own modules; an ES module has none.
  banner: { js: "import { createRequire as __novasimRequire } from 'node:module';\nconst require = __novasimRequire(import.meta.url);" },
  logLevel: 'warning',
});

// tsc's map of the main.js this replaces would describe a file that is no longer there.
rmSync('dist/src/cli/main.js.map', { force: true });
