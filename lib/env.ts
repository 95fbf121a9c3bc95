// The environment Ackademy reads, validated once. Every variable is documented in the README.
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  /** file:./data/ackademy.db (default, SQLite) or postgresql://… */
  DATABASE_URL: optional,
  /** Signs session cookies. `npm start` generates one into data/ when it is unset. */
  NEXTAUTH_SECRET: optional,
  /** The public URL of the app, e.g. https://ackademy.example.org */
  NEXTAUTH_URL: optional,
  /** 0 turns demo users off; 1 also seeds them on PostgreSQL. */
  ACKADEMY_DEMO: z.enum(['0', '1']).optional(),
  GITHUB_ID: optional,
  GITHUB_SECRET: optional,
  GOOGLE_ID: optional,
  GOOGLE_SECRET: optional,
  OIDC_ISSUER: optional,
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: optional,
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`${String(issue?.path[0] ?? 'env')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** OAuth/OIDC providers switch on when both their id and secret are set. */
export function oauthProviders(env: Env) {
  return {
    github:
      env.GITHUB_ID && env.GITHUB_SECRET ? { id: env.GITHUB_ID, secret: env.GITHUB_SECRET } : null,
    google:
      env.GOOGLE_ID && env.GOOGLE_SECRET ? { id: env.GOOGLE_ID, secret: env.GOOGLE_SECRET } : null,
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? {
            issuer: env.OIDC_ISSUER.replace(/\/$/, ''),
            id: env.OIDC_CLIENT_ID,
            secret: env.OIDC_CLIENT_SECRET,
            name: env.OIDC_NAME ?? 'SSO',
          }
        : null,
  };
}
