// Changing a password on each real database: checked, hashed, audited, sessions bumped.
import { afterEach, describe, expect, test } from 'vitest';
import { changePassword } from '@/lib/auth/change-password';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { createUser, findPasswordHash, findUserById, listAuditEntries } from '@/lib/db/users';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)('a wrong current password or a bad new one changes nothing', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({
      email: 'c@example.com',
      passwordHash: await hashPassword('old-password'),
    });
    const before = await findPasswordHash(user.id);
    expect(
      await changePassword(user, {
        current: 'nope',
        next: 'new-password',
        confirm: 'new-password',
      }),
    ).toEqual({
      ok: false,
      field: 'current',
      code: 'current-wrong',
    });
    expect(
      await changePassword(user, { current: 'old-password', next: 'short', confirm: 'short' }),
    ).toMatchObject({
      ok: false,
      field: 'next',
      code: 'password-short',
    });
    expect(
      await changePassword(user, {
        current: 'old-password',
        next: 'new-password',
        confirm: 'other-password',
      }),
    ).toMatchObject({ ok: false, field: 'confirm', code: 'mismatch' });
    expect(
      await changePassword(user, {
        current: 'old-password',
        next: 'old-password',
        confirm: 'old-password',
      }),
    ).toMatchObject({ ok: false, field: 'next', code: 'same' });
    expect(await changePassword(user, { current: 42 })).toMatchObject({ ok: false });
    expect(await findPasswordHash(user.id)).toBe(before);
    expect((await findUserById(user.id))?.sessionVersion).toBe(0);
    expect(await listAuditEntries(user.id)).toEqual([]);
  });

  test.skipIf(!available)(
    'the right current password stores an argon2id hash, bumps the session version and audits it',
    async () => {
      current = await createTestDatabase(provider);
      const user = await createUser({
        email: 'd@example.com',
        passwordHash: await hashPassword('old-password'),
      });
      const result = await changePassword(user, {
        current: 'old-password',
        next: 'new-password',
        confirm: 'new-password',
      });
      expect(result).toEqual({ ok: true, sessionVersion: 1 });
      const hash = await findPasswordHash(user.id);
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(hash!, 'new-password')).toBe(true);
      expect(await verifyPassword(hash!, 'old-password')).toBe(false);
      expect((await findUserById(user.id))?.sessionVersion).toBe(1);
      const audit = await listAuditEntries(user.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: user.id,
        action: 'user.password.change',
        targetType: 'user',
      });
      expect(audit[0]?.detail).not.toContain('argon2');
    },
  );

  test.skipIf(!available)('guessing the current password runs into the sign-in delay', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({
      email: 'e@example.com',
      passwordHash: await hashPassword('old-password'),
    });
    const guess = () =>
      changePassword(user, { current: 'guess', next: 'new-password', confirm: 'new-password' });
    for (let i = 0; i < 4; i++) expect(await guess()).toMatchObject({ code: 'current-wrong' });
    expect(await guess()).toMatchObject({ code: 'rate-limited', retryAfterSec: 32 });
    // Even the right one waits now.
    expect(
      await changePassword(user, {
        current: 'old-password',
        next: 'new-password',
        confirm: 'new-password',
      }),
    ).toMatchObject({ code: 'rate-limited' });
  });

  test.skipIf(!available)('an account without a password has none to change', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: 'f@example.com', passwordHash: null });
    expect(
      await changePassword(user, {
        current: 'anything',
        next: 'new-password',
        confirm: 'new-password',
      }),
    ).toMatchObject({ ok: false, code: 'no-password' });
  });
});

describe('registration input', () => {
  test('a missing or non-string field is a translatable code, not zod prose', async () => {
    const { registerUser } = await import('@/lib/auth/credentials');
    // Validation fails before the database is touched.
    expect(await registerUser({ email: null, password: 'long enough!' }, 'en')).toEqual({
      ok: false,
      field: 'email',
      code: 'invalid',
    });
    expect(await registerUser({ email: 'a@example.com', password: 42 }, 'en')).toEqual({
      ok: false,
      field: 'password',
      code: 'invalid',
    });
  });
});
