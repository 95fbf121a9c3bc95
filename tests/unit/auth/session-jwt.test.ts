// lib/auth/session-jwt.ts decodes session tokens with a cached key: it must accept and refuse
// exactly what next-auth/jwt's own decode does.
import fc from 'fast-check';
import { decode, encode } from 'next-auth/jwt';
import { describe, expect, test } from 'vitest';
import { decodeSessionJwt } from '@/lib/auth/session-jwt';

const SECRET = 'unit-test-secret-0123456789abcdef';

/** What next-auth's decode says: the payload, or null when it throws. */
const theirs = (token: string, secret: string) =>
  decode({ token, secret }).catch(() => 'refused' as const);
const ours = (token: string, secret: string) =>
  decodeSessionJwt(token, secret).catch(() => 'refused' as const);

const claims = fc.record({
  uid: fc.string({ minLength: 1, maxLength: 30 }),
  sv: fc.nat(1000),
  email: fc.emailAddress(),
});

describe('decodeSessionJwt', () => {
  test('decodes every genuine token to the same claims as next-auth', async () => {
    await fc.assert(
      fc.asyncProperty(claims, async (token) => {
        const jwt = await encode({ secret: SECRET, token });
        const decoded = await ours(jwt, SECRET);
        expect(decoded).toEqual(await theirs(jwt, SECRET));
        expect(decoded).toMatchObject(token);
      }),
      { numRuns: 40 },
    );
  });

  test('refuses every altered token, as next-auth does', async () => {
    await fc.assert(
      fc.asyncProperty(
        claims,
        fc.nat(),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        async (token, at, replacement) => {
          const jwt = await encode({ secret: SECRET, token });
          const i = at % jwt.length;
          fc.pre(jwt[i] !== replacement && jwt[i] !== '.');
          const altered = jwt.slice(0, i) + replacement + jwt.slice(i + 1);
          const verdict = await ours(altered, SECRET);
          expect(verdict === 'refused').toBe((await theirs(altered, SECRET)) === 'refused');
        },
      ),
      { numRuns: 60 },
    );
  });

  test.each([
    [
      'another secret',
      async () => encode({ secret: 'another-secret-0123456789abcdef', token: { uid: 'u' } }),
    ],
    ['an expired token', async () => encode({ secret: SECRET, token: { uid: 'u' }, maxAge: -60 })],
    ['not a JWT', async () => 'not.a.token'],
    ['empty', async () => ''],
  ])('refuses %s', async (_name, make) => {
    const jwt = await make();
    expect(await ours(jwt, SECRET)).toBe('refused');
    expect(await theirs(jwt, SECRET)).not.toMatchObject({ uid: 'u' });
  });

  test('accepts a token that expired less than 15 s ago, as next-auth does', async () => {
    const jwt = await encode({ secret: SECRET, token: { uid: 'u' }, maxAge: -5 });
    expect(await ours(jwt, SECRET)).toMatchObject({ uid: 'u' });
    expect(await theirs(jwt, SECRET)).toMatchObject({ uid: 'u' });
  });

  test('keys differ per secret', async () => {
    const a = await encode({ secret: SECRET, token: { uid: 'a' } });
    expect(await ours(a, SECRET)).toMatchObject({ uid: 'a' });
    expect(await ours(a, `${SECRET}x`)).toBe('refused');
    expect(await ours(a, SECRET)).toMatchObject({ uid: 'a' });
  });
});
