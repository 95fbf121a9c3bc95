// Class join codes: eight characters from an alphabet without look-alikes, and what a student
// types normalised (case, spaces and dashes do not matter).
import { describe, expect, test } from 'vitest';
import { JOIN_CODE_LENGTH, joinCodeFrom, normalizeJoinCode } from '@/lib/quiz';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

describe('joinCodeFrom', () => {
  test('maps each byte to one character, modulo the alphabet', () => {
    expect(joinCodeFrom(new Uint8Array([0, 1, 2, 30, 31, 32, 255, 8]))).toBe('234Z239A');
  });

  test(`is ${JOIN_CODE_LENGTH} characters and never uses 0, O, 1, I or L`, () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    for (let start = 0; start + JOIN_CODE_LENGTH <= 256; start++) {
      const code = joinCodeFrom(bytes.subarray(start, start + JOIN_CODE_LENGTH));
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]+$/);
    }
  });

  test('uses every character of the alphabet', () => {
    const seen = new Set<string>();
    for (let b = 0; b < 31; b++) seen.add(joinCodeFrom(new Uint8Array(8).fill(b))[0]!);
    expect([...seen].sort().join('')).toBe(ALPHABET);
  });

  test('refuses too few random bytes', () => {
    expect(() => joinCodeFrom(new Uint8Array(JOIN_CODE_LENGTH - 1))).toThrow();
  });
});

describe('normalizeJoinCode', () => {
  test.each<[string, string, string | null]>([
    ['as shown', 'ABCD2345', 'ABCD2345'],
    ['lower case', 'abcd2345', 'ABCD2345'],
    ['with a dash', 'ABCD-2345', 'ABCD2345'],
    ['with spaces', ' ab cd 23 45 ', 'ABCD2345'],
    ['too short', 'ABCD234', null],
    ['too long', 'ABCD23456', null],
    ['with a zero', 'ABCD2340', null],
    ['with an O', 'ABCD234O', null],
    ['with a one', 'ABCD2341', null],
    ['with an I', 'ABCD234I', null],
    ['with an L', 'ABCD234L', null],
    ['with punctuation', 'ABCD234!', null],
    ['empty', '', null],
  ])('%s: %j → %j', (_name, input, expected) => {
    expect(normalizeJoinCode(input)).toBe(expected);
  });

  test('every generated code normalises to itself', () => {
    const code = joinCodeFrom(new Uint8Array([5, 77, 140, 200, 13, 99, 250, 31]));
    expect(normalizeJoinCode(code)).toBe(code);
    expect(normalizeJoinCode(code.toLowerCase())).toBe(code);
  });
});
