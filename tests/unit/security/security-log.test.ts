// The security log's lines: one JSON object per event, the address hashed, and nothing a
// client sends able to start a second line.
import { afterEach, expect, test } from 'vitest';
import { logSecurityEvent, setSecurityLogSink } from '@/lib/security/security-log';

afterEach(() => setSecurityLogSink(null));

function capture(run: () => void): string[] {
  const lines: string[] = [];
  setSecurityLogSink((line) => lines.push(line));
  run();
  return lines;
}

test('an event is one JSON line with the UTC time, the event and a short hash of the address', () => {
  const [line, ...rest] = capture(() =>
    logSecurityEvent(
      { event: 'auth.signin', outcome: 'failure', userId: 'u1' },
      { address: '198.51.100.7', now: new Date(Date.UTC(2026, 11, 7, 12, 0, 0)) },
    ),
  );
  expect(rest).toEqual([]);
  expect(JSON.parse(line!)).toEqual({
    kind: 'security',
    time: '2026-12-07T12:00:00.000Z',
    source: expect.stringMatching(/^[0-9a-f]{12}$/),
    event: 'auth.signin',
    outcome: 'failure',
    userId: 'u1',
  });
  expect(line).not.toContain('198.51.100.7');
});

test('an unknown address is null, and the same address always gives the same source', () => {
  const lines = capture(() => {
    logSecurityEvent({ event: 'rate-limit.exceeded', policy: 'join-ip' });
    logSecurityEvent({ event: 'auth.signout', userId: 'a' }, { address: '::1' });
    logSecurityEvent({ event: 'auth.signout', userId: 'b' }, { address: '::1' });
  });
  const sources = lines.map((l) => (JSON.parse(l) as { source: unknown }).source);
  expect(sources[0]).toBeNull();
  expect(sources[1]).toBe(sources[2]);
});

test('control characters in a value cannot forge a second line (log injection)', () => {
  const lines = capture(() =>
    logSecurityEvent({
      event: 'access.denied',
      resource: 'quiz\n{"kind":"security","event":"auth.signin","outcome":"success"}',
      userId: 'u\r\n2',
    }),
  );
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/[\r\n]/);
  expect((JSON.parse(lines[0]!) as { resource: string }).resource).toContain('\n');
});

test('a sink that throws does not fail the request being logged', () => {
  setSecurityLogSink(() => {
    throw new Error('disk full');
  });
  expect(() => logSecurityEvent({ event: 'auth.signup', outcome: 'created' })).not.toThrow();
});
