// The one name rule (sign-up, account edits, OAuth profiles) and the common-password check
// new passwords get at sign-up and on a change.
import { describe, expect, test } from 'vitest';
import {
  acceptableName,
  nameSchema,
  newPasswordProblem,
  passwordSchema,
} from '@/lib/auth/credentials';

describe('nameSchema', () => {
  test.each([
    ['NUL', 'Ann\u0000'],
    ['a newline', 'Ann\nBob'],
    ['an escape', 'Ann\u001b[31m'],
    ['a C1 control', 'Ann\u0085'],
    ['right-to-left override', 'Ann\u202egnp.exe'],
    ['left-to-right embedding', '\u202aAnn'],
    ['right-to-left isolate', 'Ann\u2067x\u2069'],
    ['a zero-width space', 'A\u200bnn'],
    ['a byte-order mark', 'A\ufeffnn'],
    ['a line separator', 'Ann\u2028Lee'],
    ['a private-use character', 'Ann\ue000'],
    ['a soft hyphen', 'An\u00adn'],
  ])('refuses %s', (_what, name) => {
    const parsed = nameSchema.safeParse(name);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('name-invalid');
    expect(acceptableName(name)).toBeNull();
  });

  test.each([
    ['Ann Lee', 'Ann Lee'],
    ['  王小明 ', '王小明'],
    ['José Ñúñez-O’Brien', 'José Ñúñez-O’Brien'],
    ['محمد', 'محمد'],
    ['👩‍💻 dev', '👩‍💻 dev'],
    ['می‌خواهم', 'می‌خواهم'],
  ])('keeps %j', (name, expected) => {
    expect(nameSchema.parse(name)).toBe(expected);
    expect(acceptableName(name)).toBe(expected);
  });

  test('too long is name-long; empty or missing is no name', () => {
    expect(nameSchema.safeParse('x'.repeat(81)).error?.issues[0]?.message).toBe('name-long');
    expect(acceptableName('')).toBeNull();
    expect(acceptableName(undefined)).toBeNull();
    expect(acceptableName(42)).toBeNull();
  });
});

describe('newPasswordProblem', () => {
  test.each(['password', 'Password', '12345678', 'qwertyuiop', 'iloveyou1', 'baseball1'])(
    'refuses the common %j',
    async (password) => {
      expect(await newPasswordProblem(password)).toBe('password-common');
    },
  );

  test.each(['correct horse battery', 'a good password', 'ackademy-student', 'Zq8#mV2!pL'])(
    'accepts %j',
    async (password) => {
      expect(await newPasswordProblem(password)).toBeNull();
    },
  );
});

describe('passwordSchema (ASVS 2.1.1, 2.1.2)', () => {
  test.each([
    [11, 'password-short'],
    [12, null],
    [128, null],
    [129, 'password-long'],
  ])('%i characters: %s', (length, problem) => {
    const parsed = passwordSchema.safeParse('x'.repeat(length));
    expect(parsed.error?.issues[0]?.message ?? null).toBe(problem);
  });
});
