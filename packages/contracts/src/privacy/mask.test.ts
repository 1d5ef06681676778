import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskMiddle, maskName, maskPhone } from './mask.ts';

describe('maskIdNumber', () => {
  it.each([
    ['110105194912310021', '110***********0021'],
    ['34052419800101001X', '340***********001X'],
    ['110105491231002', '110********1002'],
    ['12345678', '123*5678'],
    ['1234567', '*******'],
    ['123', '***'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('%j → %j', (input, expected) => {
    const masked = maskIdNumber(input);
    expect(masked).toBe(expected);
    if (input) expect(masked).toHaveLength(input.length);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    [' 13812345678 ', '138****5678'],
    ['+8613812345678', '+86138****5678'],
    ['+86 13812345678', '+86 138****5678'],
    ['010-12345678', '010*****5678'],
    ['1234567', '*******'],
    ['+86', ''],
    ['', ''],
    [null, ''],
  ])('%j → %j', (input, expected) => expect(maskPhone(input)).toBe(expected));
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['张', '*'],
    ['John Smith', 'J*********'],
    ['𠀋三', '𠀋*'],
    ['', ''],
    [undefined, ''],
  ])('%j → %j', (input, expected) => expect(maskName(input)).toBe(expected));
});

describe('maskAddress', () => {
  it.each([
    ['北京市朝阳区建国路88号', '北京市朝阳区***'],
    ['广东省深圳市南山区', '广东省深圳市***'],
    ['北京市朝阳区', '北京市***'],
    ['上海', '上***'],
    ['A', '***'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (input, expected) => expect(maskAddress(input)).toBe(expected));
});

describe('maskMiddle', () => {
  it.each([
    ['abcdef', 2, 2, 'ab**ef'],
    ['abcd', 2, 2, '****'],
    ['abcde', 0, 0, '*****'],
  ])('maskMiddle(%j, %i, %i) = %j', (input, head, tail, expected) =>
    expect(maskMiddle(input, head, tail)).toBe(expected),
  );
});
