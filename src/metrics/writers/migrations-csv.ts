import type { MoveFact } from '../../cloud/facts.js';
import type { Inventory } from '../../model/inventory.js';
import { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import { decimal } from '../format.js';
import type { StreamedFile } from './output-file.js';
import type { TextSink } from './text-sink.js';
import type { RunFacts } from '../run-facts.js';

export const MIGRATION_COLUMNS = [
  'server',
  'kind',
  'source',
  'destination',
  'start',
  'end',
  'duration_s',
  'downtime_s',
  'data_mb',
  'rounds',
  'outcome',
] as const;

/**
 * migrations.csv: one row per live migration, cold migration, resize and
 * evacuation, written when the move ends (moves still open when the run ends
 * last, as `open`, in server order). Times are simulated seconds; `end` is
 * when the move ended (a cold move's confirm or revert), `duration_s` how
 * long it took to run the server at its destination (see MoveFact).
 */
export class MigrationLog {
  readonly #csv: CsvWriter;

  constructor(
    facts: RunFacts,
    sink: TextSink,
    /** Host and server names by id: facts carry ids, the log shows names. */
    private readonly inventory: Inventory,
    batchRows: number = DEFAULT_BATCH_ROWS,
  ) {
    this.#csv = new CsvWriter(sink, MIGRATION_COLUMNS, batchRows);
    facts.on('move', (fact) => this.#move(fact));
  }

  #move(fact: MoveFact): void {
    const { inventory } = this;
    this.#csv.row([
      inventory.servers[fact.server]!.name,
      fact.kind,
      inventory.host(fact.source).name,
      fact.destination === null ? '' : inventory.host(fact.destination).name,
      decimal(fact.start),
      decimal(fact.time),
      decimal(fact.durationS),
      decimal(fact.downtimeS),
      decimal(fact.dataMb),
      String(fact.rounds),
      fact.outcome,
    ]);
  }

  /** Writes the rows still buffered; call once at the end of the run. */
  flush(): void {
    this.#csv.flush();
  }
}

export const migrationsCsv = {
  kind: 'streamed',
  name: 'migrations.csv',
  stable: true,
  parquet: {
    from: 'csv',
    name: 'migrations.parquet',
    types: { start: 'DOUBLE', end: 'DOUBLE', duration_s: 'DOUBLE', downtime_s: 'DOUBLE', data_mb: 'DOUBLE', rounds: 'INT64' },
    otherwise: 'STRING',
  },
  listen: (run, sink) => new MigrationLog(run.facts, sink, run.inventory),
} as const satisfies StreamedFile;
