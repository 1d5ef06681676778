import { describe, expect, it } from 'vitest';
import { checkVin, VIN_PATTERN, vinCheckDigit } from './vin.ts';

describe('vinCheckDigit', () => {
  it.each([
    ['1M8GDM9AXKP042788', 'X'],
    ['1HGCM82633A004352', '3'],
    ['11111111111111111', '1'],
    ['JH4KA7561PC008269', '1'],
    ['LSVAM4187C2184847', '7'],
    ['WP0ZZZ99ZTS392124', '8'],
    ['5YJSA1E14HF000337', '8'],
    ['1m8gdm9axkp042788', 'X'],
  ])('%s → %s', (vin, expected) => expect(vinCheckDigit(vin)).toBe(expected));

  it.each([['1M8GDM9AXKP04278'], ['1M8GDM9AXKP0427888'], ['1M8GDM9AXKPO42788'], ['IM8GDM9AXKP042788']])(
    'throws on malformed %s',
    (vin) => expect(() => vinCheckDigit(vin)).toThrow(RangeError),
  );
});

describe('checkVin', () => {
  it.each([
    ['1M8GDM9AXKP042788', true, true],
    ['1HGCM82633A004352', true, true],
    ['LSVAM4187C2184847', true, true],
    [' lsvam4187c2184847 ', true, true],
    ['WP0ZZZ99ZTS392124', true, false],
    ['5YJSA1E14HF000337', true, false],
    ['1M8GDM9A1KP042788', true, false],
    ['1M8GDM9AXKP04278', false, false],
    ['1M8GDM9AXKQ042788', false, false],
    ['1M8GDM9AXKI042788', false, false],
    ['', false, false],
  ])('%s → format %s, checkDigitOk %s', (vin, format, checkDigitOk) => {
    expect(checkVin(vin)).toEqual({ format, checkDigitOk });
  });

  it('VIN_PATTERN excludes I, O and Q', () => {
    for (const ch of ['I', 'O', 'Q']) expect(VIN_PATTERN.test(`1M8GDM9AXKP04278${ch}`)).toBe(false);
    expect(VIN_PATTERN.test('1M8GDM9AXKP04278Z')).toBe(true);
  });
});
