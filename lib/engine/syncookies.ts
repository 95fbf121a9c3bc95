// SYN cookies (net/ipv4/syncookies.c): a stateless SYN-ACK whose ISN encodes a minute counter
// and an index into the MSS table, so a later valid ACK can rebuild the connection.
// cookie = H(tuple) + client ISN + (count << 24) + ((H(tuple, count) + mss index) mod 2^24).

import type { Segment } from './segment';

/** IPv4 MSS table; the client's MSS is rounded down to an entry (net/ipv4/syncookies.c msstab). */
export const SYNCOOKIE_MSS: readonly number[] = [536, 1300, 1440, 1460];
/** TCP_SYNCOOKIE_PERIOD and MAX_SYNCOOKIE_AGE (include/net/tcp.h): valid for up to 2 minutes. */
const PERIOD = 60;
const MAX_AGE = 2;

function cookieHash(secret: number, seg: Segment, count: number): number {
  let h = secret ^ Math.imul(count + 1, 0x9e3779b1);
  h = Math.imul(h ^ seg.sport, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h ^ seg.dport, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  for (let i = 0; i < seg.src.length; i++)
    h = Math.imul(h ^ seg.src.charCodeAt(i), 0xc2b2ae35) >>> 0;
  for (let i = 0; i < seg.dst.length; i++)
    h = Math.imul(h ^ seg.dst.charCodeAt(i), 0x27d4eb2f) >>> 0;
  return h >>> 0;
}

export function mssIndex(mss: number): number {
  let idx = 0;
  for (let i = 0; i < SYNCOOKIE_MSS.length; i++) if (SYNCOOKIE_MSS[i]! <= mss) idx = i;
  return idx;
}

/** The ISN of a cookie SYN-ACK answering `syn` at virtual time `now`. */
export function makeCookie(secret: number, syn: Segment, peerMss: number, now: number): number {
  const count = Math.floor(now / PERIOD) & 0xff;
  const h1 = cookieHash(secret, syn, -1);
  const h2 = cookieHash(secret, syn, count);
  return (h1 + syn.seq + (count << 24) + ((h2 + mssIndex(peerMss)) & 0xffffff)) >>> 0;
}

/** Decodes the cookie acknowledged by `ack` (cookie_v4_check): the MSS, or undefined if invalid or too old. */
export function checkCookie(secret: number, ack: Segment, now: number): number | undefined {
  const cookie = (ack.ack - 1) >>> 0;
  const clientIsn = (ack.seq - 1) >>> 0;
  const diff = (cookie - cookieHash(secret, ack, -1) - clientIsn) >>> 0;
  const count = diff >>> 24;
  const nowCount = Math.floor(now / PERIOD) & 0xff;
  if (((nowCount - count) & 0xff) >= MAX_AGE) return undefined;
  const idx = ((diff & 0xffffff) - cookieHash(secret, ack, count)) & 0xffffff;
  return idx < SYNCOOKIE_MSS.length ? SYNCOOKIE_MSS[idx] : undefined;
}
