// Answers the server sends itself (refusals before Next.js sees a request, and those of Node's
// parser), and the security headers of last resort: whatever answers, every response leaves
// with the static headers and a Content-Security-Policy, an error page Next.js writes outside
// its usual path included.
import { API_HEADERS, SECURITY_HEADERS } from '../../lib/security/static-headers.mjs';

const LAST_RESORT = [...SECURITY_HEADERS, ...API_HEADERS];

/**
 * Refuses a request with a JSON `{ error, message }` (the quiz API's shape). When the request
 * was not read to its end, the connection closes after the answer, and is cut a second later
 * if the client keeps it open without reading.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} error
 * @param {string} message
 * @param {{ close?: boolean, headers?: Record<string, string> }} [options]
 */
export function refuse(res, status, error, message, options = {}) {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify({ error, message });
  res.statusCode = status;
  for (const { key, value } of LAST_RESORT) res.setHeader(key, value);
  for (const [key, value] of Object.entries(options.headers ?? {})) res.setHeader(key, value);
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.setHeader('cache-control', 'no-store');
  if (options.close) {
    res.setHeader('connection', 'close');
    res.once('finish', () => setTimeout(() => res.socket?.destroy(), 1_000).unref());
  }
  res.end(body);
}

/** Header names a writeHead call passes itself (an object, or a flat or paired array). */
function namesIn(headers) {
  if (!headers || typeof headers !== 'object') return [];
  if (!Array.isArray(headers)) return Object.keys(headers);
  if (Array.isArray(headers[0])) return headers.map((pair) => String(pair[0]));
  return headers.filter((_, i) => i % 2 === 0).map(String);
}

/** The build's own files: scripts and styles that pages and Web Workers load. */
const BUILD_ASSET = /^\/_next\/static\//;

/**
 * Adds the static security headers, and a policy that lets the answer run nothing, to any
 * response that would leave without them. Pages keep the per-request policy of proxy.ts.
 * The build's own files get the static headers only: a Web Worker runs under the policy of
 * its script's response, and `default-src 'none'` there would stop it loading its chunks.
 * @param {import('node:http').ServerResponse} res
 */
export function addHeadersOfLastResort(res) {
  const writeHead = res.writeHead;
  const headers = BUILD_ASSET.test(res.req?.url ?? '') ? SECURITY_HEADERS : LAST_RESORT;
  res.writeHead = function (status, ...rest) {
    const given = new Set(
      namesIn(typeof rest[0] === 'string' ? rest[1] : rest[0]).map((n) => n.toLowerCase()),
    );
    for (const { key, value } of headers) {
      if (!given.has(key.toLowerCase()) && !this.hasHeader(key)) this.setHeader(key, value);
    }
    return writeHead.call(this, status, ...rest);
  };
}

/** Node's own refusals (on a socket, before any request object exists), by error code. */
const CLIENT_ERRORS = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
  HPE_HEADERS_TIMEOUT: [408, 'Request Timeout'],
};

/**
 * The server's 'clientError' listener: answers a request Node could not parse (or that timed
 * out) as Node would, 400, 408 or 431, but with the headers every other answer carries.
 * @param {Error & { code?: string }} error
 * @param {import('node:net').Socket} socket
 */
export function answerClientError(error, socket) {
  // A reset or a socket already answered needs nothing more.
  if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, text] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request'];
  socket.end(
    [
      `HTTP/1.1 ${status} ${text}`,
      ...LAST_RESORT.map(({ key, value }) => `${key}: ${value}`),
      'Connection: close',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  setTimeout(() => socket.destroy(), 1_000).unref();
}
