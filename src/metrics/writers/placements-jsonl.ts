import type { BuildFailureFact, PlacementFact } from '../../cloud/facts.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import type { FilterCount, PlacementDecision } from '../../model/placement-decision.js';
import { BATCH_CHARS, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import { rounded } from '../format.js';
import type { ParquetCell, ParquetType, StreamedFile } from './output-file.js';
import { PLACEMENT_INDEX, PlacementIndex } from './placement-index.js';
import type { TextSink } from './text-sink.js';
import type { RunFacts } from '../run-facts.js';

/** A weighed host as placements.jsonl shows it: by name, numbers rounded. */
export interface WeighedRecord {
  readonly host: string;
  readonly weight: number;
  readonly parts: Readonly<Record<string, number>>;
}

/**
 * One placement in placements.jsonl. A reschedule's claim on an alternate
 * host made no decision: its policy and hosts are null and its lists empty.
 */
export interface PlacementRecord {
  readonly time: number;
  readonly server: string;
  readonly purpose: string;
  readonly outcome: 'placed' | 'no_valid_host';
  readonly host: string | null;
  readonly reason: string;
  readonly policy: string | null;
  readonly hosts: number | null;
  readonly filters: readonly FilterCount[];
  readonly top: readonly WeighedRecord[];
  readonly alternates: readonly string[];
}

/** A build that failed on its host, as a line of placements.jsonl. */
export interface BuildFailureRecord {
  readonly time: number;
  readonly server: string;
  readonly purpose: 'build_failed';
  readonly host: string;
  readonly rescheduled: boolean;
}

/** Any line of placements.jsonl. */
export type PlacementLogLine = PlacementRecord | BuildFailureRecord;

const TIME_PLACES = 3;
/** Weights are sums of normalised weigher shares; six places keep near-ties apart. */
const WEIGHT_PLACES = 6;

/**
 * placements.jsonl: one JSON object per placement fact and per failed
 * build, in emission (so time) order. Objects are built key by key, in the
 * order of the record types above, and numbers rounded, so equal runs give
 * equal bytes. `novasim explain` reads it back.
 */
export class PlacementLog {
  #pending: string[] = [];
  #chars = 0;
  readonly #hostName: (id: HostId) => string;
  readonly #index: PlacementIndex | null;

  constructor(
    facts: RunFacts,
    private readonly sink: TextSink,
    /** Host and server names by id: facts and decisions hold ids, the log shows names. */
    private readonly inventory: Inventory,
    private readonly batchLines: number = DEFAULT_BATCH_ROWS,
    /** Where the index of the lines by server goes (placements.idx); null for none. */
    indexSink: TextSink | null = null,
  ) {
    this.#hostName = (id) => inventory.host(id).name;
    this.#index = indexSink === null ? null : new PlacementIndex(indexSink);
    const line = placementLineWriter((id) => inventory.host(id).name);
    facts.on('placement', (fact) => this.#text(fact.server, line(fact, inventory.servers[fact.server]!.name)));
    facts.on('build_failure', (fact) => this.#buildFailure(fact));
  }

  #buildFailure(fact: BuildFailureFact): void {
    const record: BuildFailureRecord = {
      time: rounded(fact.time, TIME_PLACES),
      server: this.inventory.servers[fact.server]!.name,
      purpose: 'build_failed',
      host: this.#hostName(fact.host),
      rescheduled: fact.rescheduled,
    };
    this.#line(fact.server, record);
  }

  /** Writes the lines still buffered, then the index; call once at the end of the run. */
  flush(): void {
    this.#write();
    this.#index?.write((id) => this.inventory.servers[id]!.name);
  }

  #write(): void {
    if (this.#pending.length === 0) return;
    this.sink.write(this.#pending.join(''));
    this.#pending = [];
    this.#chars = 0;
  }

  #line(server: ServerId, record: PlacementLogLine): void {
    this.#text(server, `${JSON.stringify(record)}\n`);
  }

  #text(server: ServerId, line: string): void {
    this.#index?.add(server, line);
    this.#pending.push(line);
    this.#chars += line.length;
    if (this.#pending.length >= this.batchLines || this.#chars >= BATCH_CHARS) this.#write();
  }
}

/**
 * placements.parquet's columns: a line of placements.jsonl flattened. The
 * nested lists (filters, top, alternates) stay JSON text, as in the line;
 * `rescheduled` is a failed build's (null on every placement), and a
 * failed build's outcome, reason, policy, hosts and lists are null.
 */
export const PLACEMENT_COLUMNS: readonly { readonly name: string; readonly type: ParquetType }[] = [
  { name: 'time', type: 'DOUBLE' },
  { name: 'server', type: 'STRING' },
  { name: 'purpose', type: 'STRING' },
  { name: 'outcome', type: 'STRING' },
  { name: 'host', type: 'STRING' },
  { name: 'reason', type: 'STRING' },
  { name: 'policy', type: 'STRING' },
  { name: 'hosts', type: 'INT64' },
  { name: 'filters', type: 'STRING' },
  { name: 'top', type: 'STRING' },
  { name: 'alternates', type: 'STRING' },
  { name: 'rescheduled', type: 'BOOLEAN' },
];

/** A line of placements.jsonl as a row of PLACEMENT_COLUMNS. */
export function placementRow(line: string): ParquetCell[] {
  const r = JSON.parse(line) as Partial<PlacementRecord> & Partial<BuildFailureRecord> & Pick<PlacementRecord, 'time' | 'server' | 'purpose'>;
  const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
  return [
    r.time, r.server, r.purpose, r.outcome ?? null, r.host ?? null, r.reason ?? null, r.policy ?? null, r.hosts ?? null,
    json(r.filters), json(r.top), json(r.alternates), r.rescheduled ?? null,
  ];
}

export const placementsJsonl = {
  kind: 'streamed',
  name: 'placements.jsonl',
  stable: true,
  companion: PLACEMENT_INDEX,
  parquet: { from: 'jsonl', name: 'placements.parquet', columns: PLACEMENT_COLUMNS, row: placementRow },
  listen: (run, sink, _level?, companion?) => new PlacementLog(run.facts, sink, run.inventory, DEFAULT_BATCH_ROWS, companion ?? null),
} as const satisfies StreamedFile;

/**
 * The reference for placementLineWriter: a placement fact as its record,
 * whose JSON.stringify is the line (a test holds the two to the same bytes).
 */
export function placementRecord(fact: PlacementFact, server: string, hostName: (id: HostId) => string): PlacementRecord {
  const d: PlacementDecision | null = fact.decision;
  return {
    time: rounded(fact.time, TIME_PLACES),
    server,
    purpose: fact.purpose,
    outcome: fact.host === null ? 'no_valid_host' : 'placed',
    host: fact.host === null ? null : hostName(fact.host),
    reason: fact.reason,
    policy: d?.policy ?? null,
    hosts: d?.hosts ?? null,
    // `viable` only on Placement's line and only when max_placement_results cut it, so other lines keep their bytes.
    filters: d === null ? [] : d.filters.map((f) => ({ filter: f.filter, before: f.before, after: f.after, ...(f.viable === undefined ? {} : { viable: f.viable }) })),
    top:
      d === null
        ? []
        : d.top.map((w) => ({ host: hostName(w.host), weight: rounded(w.weight, WEIGHT_PLACES), parts: roundedParts(w.parts) })),
    alternates: d === null ? [] : d.alternates.map(hostName),
  };
}

/**
 * Weigher shares in the weighers' own order (the policy's), each rounded.
 * Made as own properties (a plug-in may name a share anything, even
 * `__proto__`, which an assignment would take as the object's prototype).
 */
function roundedParts(parts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, rounded(value, WEIGHT_PLACES)]));
}

/**
 * A placement fact as its line of placements.jsonl, written out directly:
 * the bytes of `JSON.stringify(placementRecord(...))` and a newline,
 * without building the record (a placement's line holds a dozen objects,
 * and a region run writes a million lines). Host names and weigher names
 * are quoted once each and kept.
 */
export function placementLineWriter(hostName: (id: HostId) => string): (fact: PlacementFact, server: string) => string {
  const hosts: string[] = [];
  const quotedHost = (id: HostId): string => (hosts[id] ??= JSON.stringify(hostName(id)));
  const names = new Map<string, string>(); // filter and weigher names
  const quoted = (name: string): string => {
    let text = names.get(name);
    if (text === undefined) names.set(name, (text = JSON.stringify(name)));
    return text;
  };
  const parts = (p: Readonly<Record<string, number>>): string => {
    let text = '';
    for (const name in p) text += `${text === '' ? '' : ','}${quoted(name)}:${jsonNumber(rounded(p[name]!, WEIGHT_PLACES))}`;
    return text;
  };
  return (fact, server) => {
    const d = fact.decision;
    let line = `{"time":${jsonNumber(rounded(fact.time, TIME_PLACES))},"server":${JSON.stringify(server)},"purpose":${JSON.stringify(fact.purpose)}`;
    line += `,"outcome":${fact.host === null ? '"no_valid_host","host":null' : `"placed","host":${quotedHost(fact.host)}`}`;
    line += `,"reason":${JSON.stringify(fact.reason)},"policy":${d === null ? 'null' : JSON.stringify(d.policy)},"hosts":${d === null ? 'null' : jsonNumber(d.hosts)}`;
    if (d === null) return `${line},"filters":[],"top":[],"alternates":[]}\n`;
    line += ',"filters":[';
    for (let i = 0; i < d.filters.length; i++) {
      const f = d.filters[i]!;
      line += `${i === 0 ? '' : ','}{"filter":${quoted(f.filter)},"before":${jsonNumber(f.before)},"after":${jsonNumber(f.after)}`;
      line += f.viable === undefined ? '}' : `,"viable":${jsonNumber(f.viable)}}`;
    }
    line += '],"top":[';
    for (let i = 0; i < d.top.length; i++) {
      const w = d.top[i]!;
      line += `${i === 0 ? '' : ','}{"host":${quotedHost(w.host)},"weight":${jsonNumber(rounded(w.weight, WEIGHT_PLACES))},"parts":{${parts(w.parts)}}}`;
    }
    line += '],"alternates":[';
    for (let i = 0; i < d.alternates.length; i++) line += `${i === 0 ? '' : ','}${quotedHost(d.alternates[i]!)}`;
    return `${line}]}\n`;
  };
}

/** A number as JSON.stringify writes it: finite numbers as String() does (-0 as 0), the others as null. */
const jsonNumber = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');
