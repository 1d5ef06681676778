/**
 * Vehicle identification number (车辆识别代号), ISO 3779 / GB 16735: 17 characters without I, O, Q.
 * Position 9 is the North-American check digit (49 CFR 565.15). Whether it is mandatory for every
 * China-market VIN is unverified, so a mismatch is flagged for manual review, never a format error.
 */
import type { LegalSource } from './rule-set.ts';

export const VIN_SOURCE: LegalSource = {
  title: 'ISO 3779 / 49 CFR 565.15 check digit; GB 16735 (mandatory use in China unverified)',
  reliability: 'secondary',
};

export const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
/** Transliteration of letters (A–H → 1–8, J–N → 1–5, P → 7, R → 9, S–Z → 2–9); digits stand for themselves. */
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const LETTER_DIGITS = '12345678123457923456789';
const charValue = (ch: string): number =>
  Number(ch >= '0' && ch <= '9' ? ch : LETTER_DIGITS[LETTERS.indexOf(ch)]);

export function normalizeVin(vin: string): string {
  return vin.trim().toUpperCase();
}

/** The check digit ('0'–'9' or 'X') for a 17-character VIN, whatever is at position 9.
 * Throws a RangeError when the VIN does not match VIN_PATTERN. */
export function vinCheckDigit(vin: string): string {
  const value = normalizeVin(vin);
  if (!VIN_PATTERN.test(value)) throw new RangeError(`not a 17-character VIN: ${vin}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += charValue(value[i]!) * WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** `format`: 17 allowed characters (after trim/upper-case). `checkDigitOk`: position 9 matches;
 * false on a format error too. A false `checkDigitOk` with a true `format` means "flag for review". */
export function checkVin(vin: string): { format: boolean; checkDigitOk: boolean } {
  const value = normalizeVin(vin);
  if (!VIN_PATTERN.test(value)) return { format: false, checkDigitOk: false };
  return { format: true, checkDigitOk: vinCheckDigit(value) === value[8] };
}
