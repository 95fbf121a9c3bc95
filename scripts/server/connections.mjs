// At most `max` open connections per client socket address: one client cannot take all the
// sockets the process can hold. A connection over the cap is answered 429 and closed before
// any request on it is read.
import { SECURITY_HEADERS } from '../../lib/security/static-headers.mjs';

const REFUSED = Symbol('ackademy.refusedConnection');

const TOO_MANY = [
  'HTTP/1.1 429 Too Many Requests',
  'Retry-After: 5',
  'Content-Type: text/plain; charset=utf-8',
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
  ...SECURITY_HEADERS.map(({ key, value }) => `${key}: ${value}`),
  'Connection: close',
  'Content-Length: 28',
  '',
  'Too many connections; retry.',
].join('\r\n');

/**
 * @param {import('node:http').Server} server
 * @param {number} max Infinity for no cap.
 * @returns {{ open(address: string): number }}
 */
export function capConnectionsPerAddress(server, max) {
  /** @type {Map<string, number>} */
  const open = new Map();
  if (Number.isFinite(max)) {
    // Before the HTTP server's own listener, so a refused socket is never parsed.
    server.prependListener('connection', (socket) => {
      const address = socket.remoteAddress ?? '';
      const count = (open.get(address) ?? 0) + 1;
      if (count > max) {
        socket[REFUSED] = true;
        socket.end(TOO_MANY);
        setTimeout(() => socket.destroy(), 1_000).unref();
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    });
  }
  return { open: (address) => open.get(address) ?? 0 };
}

/** Whether the connection was refused (a request parsed on it anyway is not answered). */
export function refusedConnection(socket) {
  return socket?.[REFUSED] === true;
}
