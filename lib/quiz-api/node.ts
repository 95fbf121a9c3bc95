// The quiz API served straight from Node's http server (scripts/start.mjs loads this module,
// bundled at build time): the request becomes a Request, the handler's Response is written
// back with the headers Next.js would have added. Under a class's autosaves this skips the
// framework's routing and request scope, which cost more than the save itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'cookie';
import { decodeSessionJwt } from '@/lib/auth/session-jwt';
import { sessionCookieName } from '@/lib/auth/session-token';
import { API_HEADERS, SECURITY_HEADERS } from '@/lib/security/static-headers.mjs';
import { refuseCrossSite } from './http';
import { matchQuizApi, type QuizApiRoute } from './routes';
import { MAX_BODY_BYTES } from './schema';

export { matchQuizApi, MAX_BODY_BYTES, type QuizApiRoute };

const STATIC_HEADERS = [...SECURITY_HEADERS, ...API_HEADERS];

/**
 * Reads the body until it ends or passes `limit` bytes (one more than the handlers accept is
 * enough for them to refuse it as too large); the rest of an oversized body is left unread.
 */
function readBounded(
  req: IncomingMessage,
  limit: number,
): Promise<{ body: Buffer; whole: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (whole: boolean) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      resolve({ body: Buffer.concat(chunks), whole });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size > limit) {
        req.pause();
        finish(false);
      }
    };
    const onEnd = () => finish(true);
    const onError = (error: Error) => reject(error);
    const onAborted = () => reject(new Error('request aborted'));
    req.on('data', onData).once('end', onEnd).once('error', onError).once('aborted', onAborted);
  });
}

function toRequest(req: IncomingMessage, body: Buffer | null): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // As Next.js does, the request's own URL is built from the Host it was sent to.
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  return new Request(url, {
    method: req.method,
    headers,
    ...(body && body.byteLength > 0 ? { body: new Uint8Array(body) } : {}),
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  for (const { key, value } of STATIC_HEADERS) res.setHeader(key, value);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.setHeader('content-length', body.byteLength);
  res.statusCode = response.status;
  res.end(body);
}

/** Whether the request carries a session cookie that decrypts under this server's secret. */
async function carriesSession(req: IncomingMessage): Promise<boolean> {
  const name = sessionCookieName();
  const secret = process.env.NEXTAUTH_SECRET;
  const header = req.headers.cookie;
  const raw = name && header ? parse(header)[name] : undefined;
  if (!raw || !secret) return false;
  const token = await decodeSessionJwt(raw, secret).catch(() => null);
  return typeof token?.uid === 'string';
}

/**
 * Answers a request the handler would refuse on its headers alone, before the server lets it
 * wait for an admission slot: a POST from another site (403, as the handlers check first),
 * then one without a session (401). A cheap check, no database: the handler still checks
 * the session fully. Resolves true when it answered.
 */
export async function refusedEarly(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  let refusal: Response | null = null;
  try {
    if (req.method === 'POST') refusal = refuseCrossSite(toRequest(req, null));
  } catch {
    // An unparsable Host: the handler's path answers it.
    return false;
  }
  if (!refusal && !(await carriesSession(req))) {
    refusal = Response.json(
      { error: 'unauthenticated', message: 'sign in first' },
      { status: 401 },
    );
  }
  if (!refusal) return false;
  await send(res, refusal);
  return true;
}

/**
 * Answers one quiz API request; never rejects (a failure is logged and answered 500). The
 * production server passes the body it already received (scripts/server/body.mjs); without
 * one, it is read here.
 */
export async function serveQuizApi(
  req: IncomingMessage,
  res: ServerResponse,
  route: QuizApiRoute,
  received?: Buffer,
): Promise<void> {
  try {
    let request: Request;
    try {
      const read =
        req.method === 'GET' || req.method === 'HEAD'
          ? { body: null, whole: true }
          : received
            ? { body: received, whole: true }
            : await readBounded(req, MAX_BODY_BYTES);
      // The unread rest of an oversized body would stand in the way of the connection's next
      // request: the connection ends with this answer instead.
      if (!read.whole) res.setHeader('connection', 'close');
      request = toRequest(req, read.body);
    } catch {
      // An unparsable Host, or a body cut off mid-way.
      await send(
        res,
        Response.json({ error: 'bad_request', message: 'malformed request' }, { status: 400 }),
      );
      return;
    }
    await send(res, await route.handler(request, route.id));
  } catch (error) {
    console.error(error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    await send(
      res,
      Response.json({ error: 'internal', message: 'internal error' }, { status: 500 }),
    );
  }
}
