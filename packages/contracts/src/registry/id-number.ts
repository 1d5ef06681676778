/**
 * Resident identity number (公民身份号码), GB 11643-1999: 6-digit address code (GB/T 2260), birth date
 * YYYYMMDD, 3-digit sequence (odd = male, even = female) and a check character (ISO 7064 MOD 11-2).
 * The algorithm is fixed by the standard, so it is code, not versioned data.
 */
import { compareDates, isIsoDate, todayInShanghai } from './dates.ts';
import type { LegalSource } from './rule-set.ts';

export const ID_NUMBER_SOURCE: LegalSource = {
  title: 'GB 11643-1999 公民身份号码',
  url: 'https://zh.wikisource.org/wiki/GB_11643-1999_%E5%85%AC%E6%B0%91%E8%BA%AB%E4%BB%BD%E5%8F%B7%E7%A0%81',
  reliability: 'official',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** 17 digits + a digit or X; lowercase x is accepted and read as X. The legacy 15-digit form is rejected. */
export const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;

export type IdNumberParseResult =
  | { ok: true; birthDate: string; sex: 'M' | 'F'; regionCode: string }
  | { ok: false; reason: 'format' | 'checksum' | 'birthdate' };

/** The check character for the first 17 digits. Throws a RangeError when the input is not 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Trims and upper-cases (a trailing lowercase x becomes X). */
export function normalizeIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

/**
 * Validates and decodes an 18-character ID number. Order of checks: format, then check character, then
 * birth date (a real calendar date, not after `today`, which defaults to today in Asia/Shanghai).
 * The address code is returned but not checked against GB/T 2260 (that list changes every year; an
 * unknown prefix should be a warning, not an error).
 */
export function parseIdNumber(id: string, today: string = todayInShanghai()): IdNumberParseResult {
  const value = normalizeIdNumber(id);
  if (!ID_NUMBER_PATTERN.test(value)) return { ok: false, reason: 'format' };
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checksum' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || compareDates(birthDate, today) > 0) return { ok: false, reason: 'birthdate' };
  const sequence = Number(value.slice(14, 17));
  return { ok: true, birthDate, sex: sequence % 2 === 1 ? 'M' : 'F', regionCode: value.slice(0, 6) };
}

export function isValidIdNumber(id: string, today?: string): boolean {
  return parseIdNumber(id, today).ok;
}
