import type { Cell } from './csv-fields.js';
import { quoteCell, TraceError } from './trace-error.js';

/**
 * Reading typed values out of the cells of one CSV row, each refusal naming
 * the file, line, column and field.
 */
export class RowReader {
  constructor(
    readonly file: string,
    readonly line: number,
    private readonly cells: readonly Cell[],
    private readonly names: readonly string[],
  ) {}

  /** The cell of column `i`, which must be there. */
  cell(i: number): Cell {
    const cell = this.cells[i];
    if (cell === undefined) throw new TraceError(this.file, this.line, 0, this.names[i] ?? '', `missing: the row has ${this.cells.length} cells, expected ${this.names.length}`);
    return cell;
  }

  fail(i: number, reason: string): never {
    throw new TraceError(this.file, this.line, this.cells[i]?.column ?? 0, this.names[i] ?? '', reason);
  }

  text(i: number): string {
    const cell = this.cell(i);
    return cell.text === '' ? this.fail(i, 'expected a value, got an empty cell') : cell.text;
  }

  /** A finite decimal number (integers, decimals and exponents: 12, 0.5, 1.3e-05) within [min, max]. */
  number(i: number, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): number {
    const text = this.cell(i).text;
    const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value)) this.fail(i, `expected a number, got ${quoteCell(text)}`);
    if (value < min || value > max) this.fail(i, `expected a number from ${min} to ${max}, got ${text}`);
    return value;
  }

  /** A whole number >= `min`, written without a fraction or exponent. */
  whole(i: number, min = 0): number {
    const text = this.cell(i).text;
    if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) this.fail(i, `expected a whole number, got ${quoteCell(text)}`);
    const value = Number(text);
    if (value < min) this.fail(i, `expected a whole number >= ${min}, got ${text}`);
    return value;
  }

  /** Where the row has cells past the expected columns, name the first. */
  noMoreThan(count: number): void {
    const extra = this.cells[count];
    if (extra !== undefined) throw new TraceError(this.file, this.line, extra.column, '', `expected ${count} cells, found ${this.cells.length}`);
  }
}
