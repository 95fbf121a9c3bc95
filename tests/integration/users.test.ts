// Accounts, credentials, roles and the demo users against each real database.
import { afterEach, describe, expect, test } from 'vitest';
import { registerUser } from '@/lib/auth/credentials';
import { DEMO_USERS, demoAccountsAvailable, seedDemoUsers } from '@/lib/auth/demo-users';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import {
  countUsers,
  createUser,
  DuplicateEmailError,
  findCredentials,
  findUserByEmail,
  listAuditEntries,
  setUserRole,
} from '@/lib/db/users';
import { availableProviders, createTestDatabase, type TestDatabase } from '../helpers/databases';

let current: TestDatabase | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  test.skipIf(!available)('emails are stored trimmed and lower-cased, and unique', async () => {
    current = await createTestDatabase(provider);
    const user = await createUser({ email: '  Alice@Example.COM ', passwordHash: null });
    expect(user).toMatchObject({ email: 'alice@example.com', role: 'student', name: null });
    expect((await findUserByEmail('ALICE@example.com'))?.id).toBe(user.id);
    await expect(createUser({ email: 'alice@example.com', passwordHash: null })).rejects.toThrow(
      DuplicateEmailError,
    );
  });

  test.skipIf(!available)(
    'registration validates, hashes with argon2id, and refuses names and common passwords',
    async () => {
      current = await createTestDatabase(provider);
      expect(await registerUser({ email: 'not-an-email', password: 'long enough!' }, 'en')).toEqual(
        {
          ok: false,
          field: 'email',
          code: 'email-invalid',
        },
      );
      expect(await registerUser({ email: 'bob@example.com', password: 'short' }, 'en')).toEqual({
        ok: false,
        field: 'password',
        code: 'password-short',
      });
      expect(
        await registerUser({ email: 'bob@example.com', password: 'Password1234' }, 'en'),
      ).toEqual({ ok: false, field: 'password', code: 'password-common' });
      for (const name of ['Bob\u0000', 'Bob\u202egnp.exe']) {
        expect(
          await registerUser({ email: 'bob@example.com', password: 'correct horse', name }, 'en'),
        ).toEqual({ ok: false, field: 'name', code: 'name-invalid' });
      }
      expect(await countUsers()).toBe(0);

      const ok = await registerUser(
        { email: 'Bob@example.com', password: 'correct horse', name: 'Bob' },
        'zh',
      );
      expect(ok).toEqual({ ok: true });
      expect(await findUserByEmail('bob@example.com')).toMatchObject({
        email: 'bob@example.com',
        name: 'Bob',
        role: 'student',
        locale: 'zh',
      });
      const stored = await findCredentials('bob@example.com');
      expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(stored!.passwordHash!, 'correct horse')).toBe(true);
      expect(await verifyPassword(stored!.passwordHash!, 'wrong horse')).toBe(false);
    },
  );

  test.skipIf(!available)(
    'a taken email gets the same answer after the same work, and changes nothing',
    async () => {
      current = await createTestDatabase(provider);
      const hashes: string[] = [];
      const countingHash = async (password: string) => {
        hashes.push(password);
        return hashPassword(password);
      };
      const fresh = await registerUser(
        { email: 'bob@example.com', password: 'correct horse', name: 'Bob' },
        'en',
        countingHash,
      );
      const taken = await registerUser(
        { email: 'BOB@example.com', password: 'another one too', name: 'Mallory' },
        'en',
        countingHash,
      );
      // Identical answers: nothing tells the second caller the email had an account.
      expect(taken).toEqual(fresh);
      expect(JSON.stringify(taken)).toBe(JSON.stringify(fresh));
      // The same hashing work for both.
      expect(hashes).toEqual(['correct horse', 'another one too']);
      // The existing account is untouched.
      expect(await countUsers()).toBe(1);
      const stored = await findCredentials('bob@example.com');
      expect(stored?.user.name).toBe('Bob');
      expect(await verifyPassword(stored!.passwordHash!, 'correct horse')).toBe(true);
      expect(await verifyPassword(stored!.passwordHash!, 'another one too')).toBe(false);
    },
  );

  test.skipIf(!available)('a role change is stored and audited with its actor', async () => {
    current = await createTestDatabase(provider);
    const admin = await createUser({
      email: 'admin@example.com',
      passwordHash: null,
      role: 'admin',
    });
    const carol = await createUser({ email: 'carol@example.com', passwordHash: null });
    const updated = await setUserRole({ userId: carol.id, role: 'instructor', actorId: admin.id });
    expect(updated.role).toBe('instructor');
    expect((await findUserByEmail('carol@example.com'))?.role).toBe('instructor');
    const audit = await listAuditEntries(carol.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      action: 'user.role.set',
      targetType: 'user',
    });
    expect(JSON.parse(audit[0]!.detail)).toEqual({ from: 'student', to: 'instructor' });
    await expect(
      setUserRole({ userId: 'nobody', role: 'admin', actorId: admin.id }),
    ).rejects.toThrow();
    expect(await listAuditEntries('nobody')).toHaveLength(0);
  });

  test.skipIf(!available)('demo users are created on an empty database only, once', async () => {
    current = await createTestDatabase(provider);
    expect(await demoAccountsAvailable()).toBe(false);
    const created = await seedDemoUsers();
    expect(await demoAccountsAvailable()).toBe(true);
    expect(created.map((d) => [d.email, d.role])).toEqual([
      ['student@ackademy.dev', 'student'],
      ['teacher@ackademy.dev', 'instructor'],
    ]);
    for (const demo of DEMO_USERS) {
      const stored = await findCredentials(demo.email);
      expect(stored?.user.role).toBe(demo.role);
      expect(await verifyPassword(stored!.passwordHash!, demo.password)).toBe(true);
    }
    expect(await seedDemoUsers()).toEqual([]);
    expect(await countUsers()).toBe(2);
  });
});
