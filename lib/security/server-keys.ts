// Keys the server derives from its one secret (NEXTAUTH_SECRET, shared by every instance),
// one per purpose, so that what a client can see (quiz ids, user ids, positions) never lets
// it compute what only the server should know: a quiz variant's seeds, a practice ticket.
import 'server-only';
import { createHmac, hkdfSync } from 'node:crypto';

/** Every use of a derived key, named so that two uses never share one. */
export type ServerKeyPurpose = 'quiz-variant' | 'practice-ticket' | 'practice-seed';

export class ServerKeyError extends Error {
  override name = 'ServerKeyError';
}

const cache = new Map<string, Buffer>();

/**
 * The 32-byte key for `purpose` (HKDF-SHA256 over the secret, the purpose as `info`).
 * Throws when no secret is configured: `npm start` always sets one (generated into data/).
 */
export function serverKey(
  purpose: ServerKeyPurpose,
  secret: string | undefined = process.env.NEXTAUTH_SECRET,
): Buffer {
  if (!secret) throw new ServerKeyError('NEXTAUTH_SECRET is not set');
  const id = `${purpose}\u0000${secret}`;
  let key = cache.get(id);
  if (!key) {
    // Tests switch between a few secrets; a running server has one.
    if (cache.size >= 16) cache.clear();
    key = Buffer.from(hkdfSync('sha256', secret, '', `ackademy ${purpose} v1`, 32));
    cache.set(id, key);
  }
  return key;
}

/**
 * A keyed 32-bit seed for `message` (HMAC-SHA256, first four bytes): the same message gives
 * the same seed on every instance, and nobody without the secret can predict it.
 */
export function keyedSeed(key: Uint8Array, message: string): number {
  return createHmac('sha256', key).update(message).digest().readUInt32BE(0);
}
