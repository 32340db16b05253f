import type { Outcome, ServerFact } from '../../cloud/facts.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { CsvWriter, csvField, csvLine, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import { decimal } from '../format.js';
import type { OutputLevel, StreamedFile } from './output-file.js';
import type { TextSink } from './text-sink.js';
import type { RunFacts } from '../run-facts.js';

export const EVENT_COLUMNS = [
  'time',
  'server',
  'host',
  'action',
  'outcome',
  'status',
  'vm_state',
  'task_state',
  'power_state',
  'reason',
  'http_status',
] as const;

/**
 * Where events.csv's rows go once the log has chosen them: formatted into
 * the file here (CsvEventRows), or sent to the thread that writes the file
 * (a large run's worker sends them, src/run/event-rows-channel.ts). A
 * server row comes as its values, the six state words as their number in
 * the log's StateWords; every other row comes joined (they are few).
 */
export interface EventRows {
  server(time: number, server: ServerId, name: string, host: HostId | null, states: number, reason: string, httpStatus: number | null): void;
  joined(line: string): void;
  flush(): void;
}

/**
 * events.csv: one row per server, refused-request, host and operator fact,
 * in emission order, each from the state values its fact carries (the
 * server's host and states at that moment). Placement facts are not rows
 * here: their outcome shows on the server's own rows (a NoValidHost failure
 * carries the reason). A rejected request has the HTTP status of Nova's
 * answer; every other row leaves it empty.
 */
export class EventLog {
  constructor(
    facts: RunFacts,
    private readonly rows: EventRows,
    /** Host and server names by id: facts carry ids, the log shows names. */
    private readonly inventory: Inventory,
    /** Numbers the six state words of each server row. */
    states: StateWords,
    /** requests: a request's own rows only (accepted or rejected, then completed or failed), no transitions between. */
    level: OutputLevel = 'full',
  ) {
    const requestsOnly = level === 'requests';
    facts.on('server', (fact) => {
      if (!requestsOnly || fact.outcome !== 'transition') rows.server(fact.time, fact.server, fact.name, fact.host, states.of(fact), fact.reason, fact.httpStatus);
    });
    facts.on('refused_request', (fact) => this.#row(fact.time, fact.name, '', fact.action, 'rejected', fact.reason, String(fact.httpStatus)));
    facts.on('host', (fact) => this.#row(fact.time, this.#serverName(fact.server), this.#hostName(fact.host), fact.action, fact.outcome, fact.reason));
    facts.on('operator', (fact) =>
      this.#row(fact.time, this.#serverName(fact.server), this.#hostName(fact.host), fact.action, fact.outcome, `${fact.workflow}: ${fact.detail}`),
    );
  }

  /** Writes (or sends) the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.rows.flush();
  }

  /** A row with no server state: a refused request, or a fact about a host. */
  #row(time: number, server: string, host: string, action: string, outcome: Outcome, reason: string, httpStatus = ''): void {
    this.rows.joined(csvLine([decimal(time), server, host, action, outcome, '', '', '', '', reason, httpStatus]));
  }

  #hostName(id: HostId): string {
    return this.inventory.host(id).name;
  }

  #serverName(id: ServerId | null): string {
    return id === null ? '' : this.inventory.servers[id]!.name;
  }
}

/** The rows formatted into events.csv's text: on the run's own thread, or on the thread a worker sends them to. */
export class CsvEventRows implements EventRows {
  readonly #csv: CsvWriter;
  /** Each host's name as a CSV field, by host id. */
  readonly #hostFields: string[] = [];

  constructor(
    sink: TextSink,
    /** A host's name by id, and the text of each state-words number. */
    private readonly names: { hostName(id: HostId): string; readonly states: StateWords },
    batchRows: number = DEFAULT_BATCH_ROWS,
  ) {
    this.#csv = new CsvWriter(sink, EVENT_COLUMNS, batchRows);
  }

  /**
   * A server's row, joined here: most rows of the file are these. The
   * action, outcome, status and states are Nova's identifiers (closed
   * unions of words), which never need quotes; names and the reason go
   * through csvField, host names once per host.
   */
  server(time: number, _server: ServerId, name: string, host: HostId | null, states: number, reason: string, httpStatus: number | null): void {
    const hostField = host === null ? '' : (this.#hostFields[host] ??= csvField(this.names.hostName(host)));
    this.#csv.joined(`${decimal(time)},${csvField(name)},${hostField},${this.names.states.text(states)},${csvField(reason)},${httpStatus ?? ''}`);
  }

  joined(line: string): void {
    this.#csv.joined(line);
  }

  flush(): void {
    this.#csv.flush();
  }
}

/**
 * The six words of a server row between its host and its reason (action,
 * outcome, status, vm_state, task_state, power_state), numbered per
 * combination with their CSV text made once: a run has a few hundred
 * combinations and millions of rows. Joining the six words into every row
 * was a fifth of events.csv's cost on the full region: each word is a
 * piece of the row's string, copied again when the rows are written.
 */
export class StateWords {
  /** The combinations seen, a level of maps per word; the last level holds the number. */
  readonly #seen: Level = new Map();
  readonly #texts: string[] = [];

  /** The number of the fact's combination (a new one is numbered next). */
  of(fact: ServerFact): number {
    const taskState = fact.taskState ?? '';
    const last = next(next(next(next(next(this.#seen, fact.action), fact.outcome), fact.status), fact.vmState), taskState);
    let id = last.get(fact.powerState);
    if (typeof id !== 'number') {
      id = this.#texts.length;
      this.#texts.push(`${fact.action},${fact.outcome},${fact.status},${fact.vmState},${taskState},${fact.powerState}`);
      last.set(fact.powerState, id);
    }
    return id;
  }

  /** How many combinations are numbered. */
  get size(): number {
    return this.#texts.length;
  }

  text(id: number): string {
    return this.#texts[id]!;
  }

  /** Numbers a combination by its text, as another thread's StateWords numbered it (the next number). */
  define(text: string): void {
    this.#texts.push(text);
  }
}

type Level = Map<string, Level | number>;

function next(level: Level, word: string): Level {
  let below = level.get(word);
  if (typeof below !== 'object') level.set(word, (below = new Map()));
  return below;
}

/** events.csv's log with its rows formatted on this thread. */
export function csvEventLog(facts: RunFacts, sink: TextSink, inventory: Inventory, level: OutputLevel = 'full', batchRows = DEFAULT_BATCH_ROWS): EventLog {
  const states = new StateWords();
  return new EventLog(facts, new CsvEventRows(sink, { hostName: (id) => inventory.host(id).name, states }, batchRows), inventory, states, level);
}

export const eventsCsv = {
  kind: 'streamed',
  name: 'events.csv',
  stable: true,
  levels: ['full', 'requests', 'off'],
  parquet: { from: 'csv', name: 'events.parquet', types: { time: 'DOUBLE', http_status: 'INT64' }, otherwise: 'STRING' },
  listen: (run, sink, level?) => csvEventLog(run.facts, sink, run.inventory, level),
} as const satisfies StreamedFile;
