import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatFen, formatPlate } from './format.ts';

describe('formatFen', () => {
  it('formats integer fen as yuan with two decimals and thousands separators', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(20000)).toBe('¥200.00');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-2550)).toBe('-¥25.50');
  });
});

describe('dates', () => {
  it('keeps a plain date and shows date-times in Asia/Shanghai', () => {
    expect(formatDate('2026-05-01')).toBe('2026-05-01');
    expect(formatDate('2026-04-30T17:30:00Z')).toBe('2026-05-01');
    expect(formatDateTime('2026-04-30T17:30:00Z')).toBe('2026-05-01 01:30');
    expect(formatDate(null)).toBe('—');
  });
});

describe('formatPlate', () => {
  it('puts the separator dot after the issuing letter', () => {
    expect(formatPlate('京A12345')).toBe('京A·12345');
    expect(formatPlate('京AD12345')).toBe('京A·D12345');
  });
});
