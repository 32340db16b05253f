import { describe, expect, it } from 'vitest';
import { spreadOf } from '../../../../src/metrics/figures/spread.js';
import { Tally } from '../../../../src/metrics/instruments/tally.js';

describe('spreadOf', () => {
  it('takes nearest-rank p50 and p95 and the max, zeros for nothing', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    // rank ceil(0.5 * 20) = 10 and ceil(0.95 * 20) = 19
    expect(spreadOf(Tally.of(oneToTwenty))).toEqual({ p50: 10, p95: 19, max: 20 });
    expect(spreadOf(Tally.of([400, 900]))).toEqual({ p50: 400, p95: 900, max: 900 });
    expect(spreadOf(new Tally())).toEqual({ p50: 0, p95: 0, max: 0 });
    expect(spreadOf(Tally.of([1 / 3]))).toEqual({ p50: 0.333, p95: 0.333, max: 0.333 });
  });
});
