import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readAzureVmTable } from '../workload/traces/azure-vmtable.js';
import { planetLabFiles, readPlanetLabTrace } from '../workload/traces/planetlab.js';
import { quoteCell, TraceError } from '../workload/traces/trace-error.js';
import type { ScenarioError } from './parse.js';
import { loggedActions, type KnownNames } from './request-log.js';
import type { TraceWork } from './run-limits.js';
import type { Issue, Path } from './spec.js';
import { bucketFlavor, type TraceWorkload } from './trace-workload.js';

/**
 * The files a scenario's traces name, read through before anything runs:
 * a path that leads nowhere is an issue of the scenario field that names it;
 * a problem inside a file is located in that file (line, column, field).
 * Each file streams, in constant memory. CPU readings are the exception:
 * the published ones run to hundreds of gigabytes, so only their presence
 * is checked here, and a bad row stops the run that reaches it, located
 * the same way.
 */
export interface TraceFileProblems {
  readonly issues: Issue[];
  readonly errors: ScenarioError[];
  /** What the files hold, counted as they were read: the run-size estimate's share of the traces. */
  readonly work: TraceWork;
}

/** A trace's path as written, resolved against the scenario file's folder. */
export const tracePath = (scenarioFile: string, path: string): string => resolve(dirname(scenarioFile), path);

/** A trace to read through, with where in the scenario each of its fields is written. */
export interface TraceToCheck {
  readonly workload: TraceWorkload;
  readonly where: (field: string) => Path;
}

export function checkTraceFiles(scenarioFile: string, traces: readonly TraceToCheck[], known: KnownNames): TraceFileProblems {
  const issues: Issue[] = [];
  const errors: ScenarioError[] = [];
  const work = { servers: 0, requests: 0 };
  for (const { workload, where } of traces) {
    const trace = workload.trace;
    const exists = (field: string, path: string, kind: 'file' | 'folder'): string | null => {
      const full = tracePath(scenarioFile, path);
      const ok = existsSync(full) && (kind === 'folder' ? statSync(full).isDirectory() : statSync(full).isFile());
      if (!ok) issues.push({ path: where(field), message: `no ${kind} ${quoteCell(path)} (looked for ${full})` });
      return ok ? full : null;
    };
    try {
      if (trace.format === 'planetlab') {
        const folder = exists('folder', trace.folder, 'folder');
        const order = trace.order.kind === 'file' ? exists('order', trace.order.file, 'file') : null;
        if (folder === null || (trace.order.kind === 'file' && order === null)) continue;
        const names = planetLabFiles(folder, order === null ? { kind: 'sorted' } : { kind: 'file', file: order });
        if (trace.count !== undefined && trace.count > names.length) issues.push({ path: where('count'), message: `expected at most the ${names.length} traces of the folder, got ${trace.count}` });
        for (const name of names.slice(0, trace.count ?? names.length)) {
          readPlanetLabTrace(resolve(folder, name), trace.samples);
          work.servers++;
        }
      } else if (trace.format === 'azure_vmtable') {
        const table = exists('file', trace.file, 'file');
        if (trace.readings !== undefined) exists('readings', trace.readings, 'file');
        if (table === null) continue;
        for (const vm of readAzureVmTable(table, { inCreationOrder: true })) {
          if (bucketFlavor(trace.flavors, vm) === null)
            throw new TraceError(table, vm.line, 0, 'vmcorecountbucket', `no flavor for cores ${quoteCell(vm.coreBucket)} and memory ${quoteCell(vm.memoryBucket)}; add an entry to trace.flavors`);
          work.servers++;
        }
      } else {
        const log = exists('file', trace.file, 'file');
        if (log === null) continue;
        for (const { entry } of loggedActions(log, known)) {
          work.requests++;
          if (entry.action === 'create') work.servers++;
        }
      }
    } catch (e) {
      if (!(e instanceof TraceError)) throw e;
      errors.push({ file: e.file, line: e.line, column: e.column, field: e.field, message: e.reason });
    }
  }
  return { issues, errors, work };
}
