import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvWriter } from '../../../../src/metrics/writers/csv-writer.js';
import { memorySink } from '../../../../src/metrics/writers/text-sink.js';

describe('CsvWriter', () => {
  it('writes what csv-stringify writes, for any fields', () => {
    const field = fc.oneof(fc.string(), fc.constantFrom('', ',', '"', '\n', '\r\n', 'a "b", c', ' x '));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }), (rows) => {
        const sink = memorySink();
        const csv = new CsvWriter(sink, rows[0]!, 3);
        for (const row of rows.slice(1)) csv.row(row);
        csv.flush();

        expect(sink.text()).toBe(stringify(rows));
      }),
    );
  });

  it('writes the header even with no rows', () => {
    const sink = memorySink();

    new CsvWriter(sink, ['time', 'server']).flush();

    expect(sink.text()).toBe('time,server\n');
  });
});
