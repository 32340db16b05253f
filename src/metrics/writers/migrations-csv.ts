import type { MigrationFact, Telemetry } from '../../model/telemetry.js';
import { CsvWriter, DEFAULT_BATCH_ROWS } from './csv-writer.js';
import { decimal } from '../format.js';
import type { TextSink } from './text-sink.js';

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
 * long it took to run the server at its destination (see MigrationFact).
 */
export class MigrationLog implements Telemetry {
  readonly #csv: CsvWriter;

  constructor(sink: TextSink, batchRows: number = DEFAULT_BATCH_ROWS) {
    this.#csv = new CsvWriter(sink, MIGRATION_COLUMNS, batchRows);
  }

  server(): void {}

  host(): void {}

  placement(): void {}

  buildFailure(): void {}

  migration(fact: MigrationFact): void {
    this.#csv.row([
      fact.server.name,
      fact.kind,
      fact.source.name,
      fact.destination?.name ?? '',
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
