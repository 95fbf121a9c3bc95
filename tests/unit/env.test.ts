import { describe, expect, test } from 'vitest';
import { EnvError, oauthProviders, parseEnv } from '@/lib/env';

describe('environment', () => {
  test('OAuth providers switch on only with both id and secret', () => {
    const env = parseEnv({ GITHUB_ID: 'id', GITHUB_SECRET: 'secret', GOOGLE_ID: 'only-id' });
    const providers = oauthProviders(env);
    expect(providers.github).toEqual({ id: 'id', secret: 'secret' });
    expect(providers.google).toBeNull();
    expect(providers.oidc).toBeNull();
  });

  test('OIDC needs issuer, client id and secret; the trailing slash is dropped', () => {
    const env = parseEnv({
      OIDC_ISSUER: 'https://sso.example.edu/realms/cs/',
      OIDC_CLIENT_ID: 'ackademy',
      OIDC_CLIENT_SECRET: 's',
    });
    expect(oauthProviders(env).oidc).toEqual({
      issuer: 'https://sso.example.edu/realms/cs',
      id: 'ackademy',
      secret: 's',
      name: 'SSO',
    });
  });

  test('blank values count as unset', () => {
    expect(parseEnv({ DATABASE_URL: '   ' }).DATABASE_URL).toBeUndefined();
  });

  test('ACKADEMY_DEMO accepts only 0 or 1', () => {
    expect(parseEnv({ ACKADEMY_DEMO: '0' }).ACKADEMY_DEMO).toBe('0');
    expect(() => parseEnv({ ACKADEMY_DEMO: 'yes' })).toThrow(EnvError);
    expect(() => parseEnv({ ACKADEMY_DEMO: 'yes' })).toThrow(/ACKADEMY_DEMO/);
  });
});
