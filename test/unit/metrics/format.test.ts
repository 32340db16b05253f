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
