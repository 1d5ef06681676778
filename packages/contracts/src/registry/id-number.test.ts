import { describe, expect, it } from 'vitest';
import { idCheckChar, isValidIdNumber, parseIdNumber } from './id-number.ts';

const TODAY = '2025-06-01';

describe('idCheckChar', () => {
  it.each([
    ['34052419800101001', 'X'],
    ['11010519491231002', 'X'],
    ['11010519800101002', '4'],
    ['44030420000229123', '6'],
    ['11010520000229001', '3'],
  ])('%s → %s', (first17, expected) => expect(idCheckChar(first17)).toBe(expected));

  it.each([['1234'], ['3405241980010100X'], ['340524198001010011']])('throws on %s', (bad) => {
    expect(() => idCheckChar(bad)).toThrow(RangeError);
  });
});

describe('parseIdNumber', () => {
  it.each([
    ['34052419800101001X', '1980-01-01', 'M', '340524'],
    ['11010519491231002X', '1949-12-31', 'F', '110105'],
    ['34052419800101001x', '1980-01-01', 'M', '340524'],
    [' 110105198001010024 ', '1980-01-01', 'F', '110105'],
    ['440304200002291236', '2000-02-29', 'M', '440304'],
  ])('%s is valid', (id, birthDate, sex, regionCode) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, birthDate, sex, regionCode });
  });

  it.each([
    ['340524198001010013', 'checksum'],
    ['34052419800101001Y', 'format'],
    ['3405241980010100', 'format'],
    ['3405241980010100100', 'format'],
    ['340524800101001', 'format'],
    ['', 'format'],
    ['34052419800101X01X', 'format'],
    ['110105199902300015', 'birthdate'],
    ['110105194902290029', 'birthdate'],
    ['110105209901010012', 'birthdate'],
  ])('%s is invalid (%s)', (id, reason) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, reason });
  });

  it('rejects a birth date after today but accepts one equal to today', () => {
    const first17 = '11010520250601001';
    const id = first17 + idCheckChar(first17);
    expect(parseIdNumber(id, '2025-06-01').ok).toBe(true);
    expect(parseIdNumber(id, '2025-05-31')).toEqual({ ok: false, reason: 'birthdate' });
  });
});

describe('isValidIdNumber', () => {
  it.each([
    ['34052419800101001X', true],
    ['11010519491231002X', true],
    ['340524198001010013', false],
    ['34052419800101001x', true],
  ])('%s → %s', (id, expected) => expect(isValidIdNumber(id, TODAY)).toBe(expected));
});
