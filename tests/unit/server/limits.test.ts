// The server's limits from the environment (scripts/server/limits.mjs).
import { expect, test } from 'vitest';
import { serverLimits } from '../../../scripts/server/limits.mjs';

test('connections per address: generous by default, uncapped behind a trusted proxy, configurable', () => {
  expect(serverLimits({}).maxConnectionsPerAddress).toBe(512);
  expect(serverLimits({ TRUST_PROXY: '1' }).maxConnectionsPerAddress).toBe(
    Number.POSITIVE_INFINITY,
  );
  expect(
    serverLimits({ TRUST_PROXY: '1', ACKADEMY_MAX_CONNECTIONS_PER_ADDRESS: '5000' })
      .maxConnectionsPerAddress,
  ).toBe(5000);
  expect(
    serverLimits({ ACKADEMY_MAX_CONNECTIONS_PER_ADDRESS: '20' }).maxConnectionsPerAddress,
  ).toBe(20);
});

test('TRUST_PROXY is read as the app reads it: `true` and `yes` trust a proxy too', () => {
  for (const value of ['true', 'yes', 'TRUE', '2'])
    expect(serverLimits({ TRUST_PROXY: value }).maxConnectionsPerAddress).toBe(
      Number.POSITIVE_INFINITY,
    );
  for (const value of ['0', 'false', 'no', ''])
    expect(serverLimits({ TRUST_PROXY: value }).maxConnectionsPerAddress).toBe(512);
});

test('a malformed value stops the server from starting rather than being ignored', () => {
  for (const value of ['0', '-3', '1.5', 'many']) {
    expect(() => serverLimits({ ACKADEMY_MAX_CONNECTIONS_PER_ADDRESS: value })).toThrow(
      /positive integer/,
    );
  }
});

test('headers and whole requests are timed out well before Node’s defaults', () => {
  const limits = serverLimits({});
  expect(limits.headersTimeoutMs).toBeLessThanOrEqual(15_000);
  expect(limits.requestTimeoutMs).toBeGreaterThan(limits.bodyDeadlineMs);
  expect(limits.requestTimeoutMs).toBeLessThanOrEqual(60_000);
});
