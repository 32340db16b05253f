import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal, rounded } from '../../../src/metrics/format.js';

describe('decimal', () => {
  it('prints up to three decimals without trailing zeros', () => {
    expect(decimal(0)).toBe('0');
    expect(decimal(12)).toBe('12');
    expect(decimal(1.5)).toBe('1.5');
    expect(decimal(1.23456)).toBe('1.235');
    expect(decimal(2.0001)).toBe('2');
    expect(decimal(0.1 + 0.2)).toBe('0.3');
    expect(decimal(-2.5)).toBe('-2.5');
    expect(decimal(0.05)).toBe('0.05');
  });

  it('never uses exponent notation', () => {
    expect(decimal(1e21)).toBe('1000000000000000000000');
    expect(decimal(1e-7)).toBe('0');
    expect(decimal(-1e-7)).toBe('0');
    expect(decimal(0.0015)).toBe('0.002');
  });

  it('honours other precisions', () => {
    expect(decimal(1.23456, 0)).toBe('1');
    expect(decimal(1.23456, 5)).toBe('1.23456');
  });
});

describe('rounded', () => {
  it('rounds to fixed decimals and normalises -0', () => {
    expect(rounded(2 / 3, 4)).toBe(0.6667);
    expect(Object.is(rounded(-0.00001, 3), 0)).toBe(true);
  });
});

describe('decimal against BigInt digits', () => {
  const reference = (x: number, places: number): string => {
    const sign = x < 0 ? '-' : '';
    const scaled = Math.round(Math.abs(x) * 10 ** places);
    if (scaled === 0) return '0';
    if (!Number.isSafeInteger(scaled)) return sign + BigInt(Math.round(Math.abs(x))).toString();
    const digits = BigInt(scaled).toString().padStart(places + 1, '0');
    const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
    return sign + digits.slice(0, digits.length - places) + (fraction === '' ? '' : `.${fraction}`);
  };

  it('prints the digits BigInt prints, for any finite number and precision', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 1000), fc.integer({ min: -2e9, max: 2e9 }), fc.constantFrom(0, -0, 999_999_999, -999_999_999, 1e9)), fc.integer({ min: 0, max: 9 }), (x, places) => {
        expect(decimal(x, places)).toBe(reference(x, places));
      }),
      { numRuns: 5000 },
    );
  });
});
