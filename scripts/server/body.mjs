// Receives a request's whole body before the request may wait for an admission slot: a client
// that sends headers and then nothing, or a trickle, holds a socket and never a slot. Bounded
// in size, in time without progress, in total time, and in the bytes all bodies hold at once.
import { IncomingMessage } from 'node:http';

/**
 * @typedef {{ take(bytes: number): boolean, give(bytes: number): void, used(): number }} BodyBudget
 * @typedef {{ ok: true, body: Buffer | null }
 *   | { ok: false, status: 400 | 408 | 413 | 503, reason: string, drain?: boolean }} Received
 */

/**
 * A body refused for its declared length alone, up to this size, is read and thrown away after
 * the answer (as Node does for a body nobody read) rather than cut: the client can finish
 * sending and read the 413 on a connection that stays usable. Node's requestTimeout bounds
 * how long that takes.
 */
const DRAIN_BYTES = 8 * 1024 * 1024;

/** The bytes every received body holds together, at most `bytes`. */
export function createBodyBudget(bytes) {
  let used = 0;
  return /** @type {BodyBudget} */ ({
    take(n) {
      if (used + n > bytes) return false;
      used += n;
      return true;
    },
    give(n) {
      used -= n;
    },
    used: () => used,
  });
}

/** Whether the request's framing announces a body (RFC 9112 §6.3). */
export function announcesBody(req) {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Reads the body. The bytes stay counted in `budget` until the response closes. On a refusal
 * the rest of the body is left unread: the caller answers and closes the connection.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ limit: number, idleMs: number, deadlineMs: number, budget: BodyBudget }} options
 * @returns {Promise<Received>}
 */
export function receiveBody(req, res, { limit, idleMs, deadlineMs, budget }) {
  if (!announcesBody(req)) return Promise.resolve({ ok: true, body: null });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({
      ok: false,
      status: 413,
      reason: `at most ${limit} bytes`,
      drain: declared <= DRAIN_BYTES,
    });
  }
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let idle;
    const deadline = setTimeout(() => finish(refusal(408, 'the body took too long')), deadlineMs);
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish(refusal(408, 'the body stopped arriving')), idleMs);
    };
    const finish = (/** @type {Received} */ outcome) => {
      clearTimeout(idle);
      clearTimeout(deadline);
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('aborted', onGone);
      if (!outcome.ok) req.pause();
      resolve(outcome);
    };
    const onData = (/** @type {Buffer} */ chunk) => {
      if (size + chunk.byteLength > limit) {
        finish(refusal(413, `at most ${limit} bytes`));
        return;
      }
      if (!budget.take(chunk.byteLength)) {
        finish(refusal(503, 'too many bodies in flight'));
        return;
      }
      size += chunk.byteLength;
      chunks.push(chunk);
      armIdle();
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onGone = () => finish(refusal(400, 'the body was cut off'));
    // What was taken is returned when the answer is done (or the connection is lost).
    res.once('close', () => budget.give(size));
    armIdle();
    req.on('data', onData).once('end', onEnd).once('error', onGone).once('aborted', onGone);
  });
}

/** @returns {Received} */
function refusal(status, reason) {
  return { ok: false, status, reason };
}

/**
 * A request that reads back `body`, for handlers that read the request as a stream (Next.js's
 * server actions and route handlers): the original's body has been consumed already.
 * @param {import('node:http').IncomingMessage} req
 * @param {Buffer} body
 */
export function replayRequest(req, body) {
  const replay = new IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.headers = req.headers;
  replay.rawHeaders = req.rawHeaders;
  replay.trailers = req.trailers;
  replay.rawTrailers = req.rawTrailers;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  replay.complete = true;
  // The bytes are all here: reading must not resume the socket (which belongs to the
  // connection's parser), and destroying the copy must not destroy the connection.
  replay._read = () => {};
  replay._destroy = (error, callback) => callback(error);
  replay.push(body);
  replay.push(null);
  return replay;
}
