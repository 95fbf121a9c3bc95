// Decoding NextAuth's session JWT (alg "dir", A256GCM) with its encryption key derived once
// per secret. next-auth/jwt's decode derives the key with HKDF on every call, on libuv's
// thread pool, where a request then waits behind any password hash being computed; the key
// only depends on the secret. The derivation and the checks are NextAuth v4's own
// (next-auth/jwt: HKDF-SHA256, info "NextAuth.js Generated Encryption Key", 15 s tolerance).
import hkdf from '@panva/hkdf';
import { jwtDecrypt, type JWTPayload } from 'jose';

const keys = new Map<string, Promise<Uint8Array>>();

function encryptionKey(secret: string): Promise<Uint8Array> {
  let key = keys.get(secret);
  if (!key) {
    // Secrets do not change while the app runs; tests use a few.
    if (keys.size >= 8) keys.clear();
    key = hkdf('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32);
    keys.set(secret, key);
  }
  return key;
}

/** The token's claims; throws for a token that is malformed, tampered with, foreign or expired. */
export async function decodeSessionJwt(token: string, secret: string): Promise<JWTPayload> {
  const { payload } = await jwtDecrypt(token, await encryptionKey(secret), { clockTolerance: 15 });
  return payload;
}
