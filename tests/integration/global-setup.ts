// Decides once per run whether the PostgreSQL half of the integration suite runs.
// CI sets ACKADEMY_REQUIRE_POSTGRES=1 and fails here when the server cannot be reached;
// elsewhere the PostgreSQL tests are reported as skipped, with the reason printed.
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

export const DEFAULT_TEST_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export default async function setup(project: TestProject) {
  const url = process.env.ACKADEMY_TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    project.provide('postgresUrl', url);
  } catch (error) {
    const reason = `PostgreSQL at ${url} is not reachable (${(error as Error).message})`;
    if (process.env.ACKADEMY_REQUIRE_POSTGRES === '1') {
      throw new Error(`${reason}; ACKADEMY_REQUIRE_POSTGRES=1 demands it`);
    }
    console.warn(
      `\n*** SKIPPING the PostgreSQL integration tests: ${reason}.\n` +
        '*** Set ACKADEMY_TEST_POSTGRES_URL to a reachable server to run them.\n',
    );
    project.provide('postgresUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}
