// Security events (sign-ins, sign-outs, refused access, throttling): one JSON line each on
// standard error, for an operator's log collector. Never a password, token or email; the
// client address only as a short hash, enough to see that many events share a source.
import { createHash } from 'node:crypto';

export type SecurityEvent =
  | { event: 'auth.signin'; outcome: 'success' | 'failure' | 'throttled'; userId?: string }
  | { event: 'auth.signout'; userId: string }
  | { event: 'auth.password-change'; outcome: 'success' | 'failure'; userId: string }
  | { event: 'auth.signup'; outcome: 'created' | 'refused' }
  | { event: 'access.denied'; resource: string; userId: string | null }
  | { event: 'rate-limit.exceeded'; policy: string };

export type SecurityLogLine = SecurityEvent & {
  /** UTC, ISO 8601. */
  time: string;
  /** First 12 hex digits of sha256(address); null when the address is unknown. */
  source: string | null;
};

type Sink = (line: string) => void;

let sink: Sink = (line) => process.stderr.write(`${line}\n`);

/** Tests capture the lines; nothing else should replace the sink. */
export function setSecurityLogSink(next: Sink | null): void {
  sink = next ?? ((line) => process.stderr.write(`${line}\n`));
}

/**
 * Writes one event. JSON.stringify escapes every control character, so nothing a client
 * sends can forge a second line (log injection).
 */
export function logSecurityEvent(
  event: SecurityEvent,
  context: { address?: string | null; now?: Date } = {},
): void {
  const line: SecurityLogLine = {
    time: (context.now ?? new Date()).toISOString(),
    source: context.address
      ? createHash('sha256').update(context.address).digest('hex').slice(0, 12)
      : null,
    ...event,
  };
  try {
    sink(JSON.stringify({ kind: 'security', ...line }));
  } catch {
    // A log that cannot be written must not fail the request it describes.
  }
}
