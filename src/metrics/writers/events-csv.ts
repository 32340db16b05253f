import type { Outcome, ServerFact } from '../../cloud/facts.js';
import type { HostId, ServerId } from '../../model/ids.js';
import type { Inventory } from '../../model/inventory.js';
import { CsvWriter, csvField, DEFAULT_BATCH_ROWS } from './csv-writer.js';
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
 * events.csv: one row per server, refused-request, host and operator fact,
 * in emission order, each from the state values its fact carries (the
 * server's host and states at that moment). Placement facts are not rows
 * here: their outcome shows on the server's own rows (a NoValidHost failure
 * carries the reason). A rejected request has the HTTP status of Nova's
 * answer; every other row leaves it empty.
 */
export class EventLog {
  readonly #csv: CsvWriter;
  /** Each host's name as a CSV field, by host id. */
  readonly #hostFields: string[] = [];
  readonly #states = new StateFields();

  constructor(
    facts: RunFacts,
    sink: TextSink,
    /** Host and server names by id: facts carry ids, the log shows names. */
    private readonly inventory: Inventory,
    batchRows: number = DEFAULT_BATCH_ROWS,
    /** requests: a request's own rows only (accepted or rejected, then completed or failed), no transitions between. */
    level: OutputLevel = 'full',
  ) {
    this.#csv = new CsvWriter(sink, EVENT_COLUMNS, batchRows);
    const requestsOnly = level === 'requests';
    facts.on('server', (fact) => {
      if (!requestsOnly || fact.outcome !== 'transition') this.#server(fact);
    });
    facts.on('refused_request', (fact) => this.#row(fact.time, fact.name, '', fact.action, 'rejected', fact.reason, String(fact.httpStatus)));
    facts.on('host', (fact) => this.#row(fact.time, this.#serverName(fact.server), this.#hostName(fact.host), fact.action, fact.outcome, fact.reason));
    facts.on('operator', (fact) =>
      this.#row(fact.time, this.#serverName(fact.server), this.#hostName(fact.host), fact.action, fact.outcome, `${fact.workflow}: ${fact.detail}`),
    );
  }

  /** Writes the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.#csv.flush();
  }

  /**
   * A server's row, joined here: most rows of the file are these. The
   * action, outcome, status and states are Nova's identifiers (closed
   * unions of words), which never need quotes; names and the reason go
   * through csvField, host names once per host.
   */
  #server(fact: ServerFact): void {
    const host = fact.host === null ? '' : (this.#hostFields[fact.host] ??= csvField(this.#hostName(fact.host)));
    this.#csv.joined(
      `${decimal(fact.time)},${csvField(fact.name)},${host},${this.#states.of(fact)},${csvField(fact.reason)},${fact.httpStatus ?? ''}`,
    );
  }

  /** A row with no server state: a refused request, or a fact about a host. */
  #row(time: number, server: string, host: string, action: string, outcome: Outcome, reason: string, httpStatus = ''): void {
    this.#csv.row([decimal(time), server, host, action, outcome, '', '', '', '', reason, httpStatus]);
  }

  #hostName(id: HostId): string {
    return this.inventory.host(id).name;
  }

  #serverName(id: ServerId | null): string {
    return id === null ? '' : this.inventory.servers[id]!.name;
  }
}

/**
 * The six words of a server row between its host and its reason (action,
 * outcome, status, vm_state, task_state, power_state) as one CSV text,
 * made once per combination: a run has a few hundred combinations and
 * millions of rows. Joining the six words into every row was a fifth of
 * events.csv's cost on the full region: each word is a piece of the row's
 * string, copied again when the rows are written.
 */
class StateFields {
  /** The combinations seen, a level of maps per word; the last level holds the text. */
  readonly #seen: Level = new Map();

  of(fact: ServerFact): string {
    const taskState = fact.taskState ?? '';
    const last = next(next(next(next(next(this.#seen, fact.action), fact.outcome), fact.status), fact.vmState), taskState);
    let text = last.get(fact.powerState);
    if (typeof text !== 'string') {
      text = `${fact.action},${fact.outcome},${fact.status},${fact.vmState},${taskState},${fact.powerState}`;
      last.set(fact.powerState, text);
    }
    return text;
  }
}

type Level = Map<string, Level | string>;

function next(level: Level, word: string): Level {
  let below = level.get(word);
  if (typeof below !== 'object') level.set(word, (below = new Map()));
  return below;
}

export const eventsCsv = {
  kind: 'streamed',
  name: 'events.csv',
  stable: true,
  levels: ['full', 'requests', 'off'],
  parquet: { from: 'csv', name: 'events.parquet', types: { time: 'DOUBLE', http_status: 'INT64' }, otherwise: 'STRING' },
  listen: (run, sink, level?) => new EventLog(run.facts, sink, run.inventory, DEFAULT_BATCH_ROWS, level),
} as const satisfies StreamedFile;
