import { describe, expect, it } from 'vitest';
import { classifyPlate, isValidPlate, normalizePlate, PLATE_RULES, PROVINCE_ABBREVIATIONS } from './plate.ts';
import { ruleAt } from './rule-set.ts';

describe('normalizePlate', () => {
  it.each([
    [' 京a·12345 ', '京A12345'],
    ['粤B D1 2345', '粤BD12345'],
    ['沪Ａ１２３４５Ｄ', '沪A12345D'],
    ['京A\u300012345', '京A12345'],
  ])('%j → %s', (raw, expected) => expect(normalizePlate(raw)).toBe(expected));
});

describe('classifyPlate', () => {
  it.each([
    ['京A12345', 'regular'],
    ['京AB123C', 'regular'],
    ['川AZ9Z99', 'regular'],
    ['京a·12345', 'regular'],
    ['粤BD12345', 'nev-small'],
    ['粤BF12345', 'nev-small'],
    ['浙ADA1234', 'nev-small'],
    ['沪A12345D', 'nev-large'],
    ['沪A12345F', 'nev-large'],
  ])('%s → %s', (plate, kind) => expect(classifyPlate(plate)).toBe(kind));

  it.each([
    ['京A1234I'],
    ['京A1234O'],
    ['京I12345'],
    ['京O12345'],
    ['京112345'],
    ['港A12345'],
    ['京A1234'],
    ['京A123456'],
    ['粤BE12345'],
    ['粤BDI2345'],
    ['粤BD1234A'],
    ['沪A1234AD'],
    ['沪A12345E'],
    ['A12345'],
    [''],
  ])('%s is invalid', (plate) => {
    expect(classifyPlate(plate)).toBeNull();
    expect(isValidPlate(plate)).toBe(false);
  });

  it('accepts every province abbreviation', () => {
    expect(PROVINCE_ABBREVIATIONS).toHaveLength(31);
    for (const p of PROVINCE_ABBREVIATIONS) expect(classifyPlate(`${p}A12345`)).toBe('regular');
  });

  it('rejects NEV plates under the rules in force before 2016-12-01', () => {
    const old = ruleAt(PLATE_RULES, '2015-01-01').value;
    expect(classifyPlate('粤BD12345', old)).toBeNull();
    expect(classifyPlate('京A12345', old)).toBe('regular');
  });
});
