import type { HostId } from '../../model/ids.js';
import type { HostFact, PlacementFact, ServerFact, Telemetry } from '../../model/telemetry.js';
import { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import { decimal } from '../format.js';
import type { TextSink } from './text-sink.js';

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
 * events.csv: one row per server or host fact, in emission order. Each row
 * is built when the fact arrives, because the server object keeps changing
 * afterwards (its host and states at that moment are what the row records).
 * Placement facts are not rows here: their outcome shows on the server's
 * own rows (a NoValidHost failure carries the reason). A rejected request
 * has the HTTP status of Nova's answer; every other row leaves it empty.
 */
export class EventLog implements Telemetry {
  readonly #csv: CsvWriter;

  constructor(
    sink: TextSink,
    /** Host name by id: the model stores ids, the log shows names. */
    private readonly hostName: (id: HostId) => string,
    batchRows: number = DEFAULT_BATCH_ROWS,
  ) {
    this.#csv = new CsvWriter(sink, EVENT_COLUMNS, batchRows);
  }

  server(fact: ServerFact): void {
    const s = fact.server;
    this.#csv.row([
      decimal(fact.time),
      fact.serverName,
      s === null || s.host === null ? '' : this.hostName(s.host),
      fact.action,
      fact.outcome,
      fact.status,
      s === null ? '' : s.vmState,
      s === null || s.taskState === null ? '' : s.taskState,
      s === null ? '' : s.powerState,
      fact.reason,
      fact.httpStatus === null ? '' : String(fact.httpStatus),
    ]);
  }

  host(fact: HostFact): void {
    this.#csv.row([decimal(fact.time), fact.server?.name ?? '', fact.host.name, fact.action, fact.outcome, '', '', '', '', fact.reason, '']);
  }

  buildFailure(): void {}

  migration(): void {}

  placement(_fact: PlacementFact): void {}

  /** Writes the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.#csv.flush();
  }
}
