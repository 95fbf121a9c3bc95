// The serving process of `npm start` (scripts/start.mjs runs it, and runs it again when it
// dies): the production build on $PORT from its own http.Server, so the listen backlog is
// ours to size for a class that arrives at once (Next.js's `next start` listens with Node's
// default of 511) and every request passes the limits of ./limits.mjs before it may wait for
// one of the few admission slots (./admission.mjs).
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bypassesAdmission, createAdmission, priorityOf } from './admission.mjs';
import { addHeadersOfLastResort, answerClientError, refuse } from './answers.mjs';
import { createBodyBudget, receiveBody, replayRequest } from './body.mjs';
import { capConnectionsPerAddress, refusedConnection } from './connections.mjs';
import { serverLimits } from './limits.mjs';
import { QUIZ_API_BUNDLE } from './quiz-api-bundle.mjs';
import { decodableTarget, unusableAction } from './request-check.mjs';

const root = process.cwd();
const log = (message) => console.log(`ackademy: ${message}`);
const port = Number(process.env.PORT?.trim() || '3000');
const limits = serverLimits();

const { default: next } = await import('next');
const app = next({ dev: false, dir: root, port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();
// The quiz API (autosave, submit, loading and starting an attempt) is answered without
// Next.js's routing: the same handlers as app/api/…, called directly (lib/quiz-api/node.ts).
const quizApi = await import(pathToFileURL(path.join(root, QUIZ_API_BUNDLE)).href);

// Enough requests in flight to overlap database waits, few enough that a burst queues
// instead of piling up renders. SQLite's driver works synchronously, so more than two at
// once only interleave; PostgreSQL waits on the network.
const postgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');
const admission = createAdmission({
  limit: Number(process.env.ACKADEMY_MAX_ACTIVE_REQUESTS || (postgres ? 4 : 2)),
  maxWaiting: limits.maxWaitingRequests,
});
const budget = createBodyBudget(limits.bodyBudgetBytes);

const serve = (req, res) =>
  Promise.resolve(handle(req, res)).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });

// The socket's address, for per-address limits (lib/security/client-ip.ts): Next.js gives
// handlers no socket, so it travels as a header that this server always overwrites, and that
// the app believes only because this variable says this server wrote it.
process.env.ACKADEMY_SOCKET_ADDRESS_HEADER = '1';

/** Receives, checks and queues one request; never rejects. */
async function accept(req, res) {
  if (!decodableTarget(req.url)) {
    return refuse(res, 400, 'bad_request', 'The address holds a malformed %-escape.');
  }
  const route = quizApi.matchQuizApi(req.method, req.url);
  const received = await receiveBody(req, res, {
    limit: route ? quizApi.MAX_BODY_BYTES : limits.maxBodyBytes,
    idleMs: limits.bodyIdleMs,
    deadlineMs: limits.bodyDeadlineMs,
    budget,
  });
  if (!received.ok) {
    const [error, headers] =
      received.status === 413
        ? ['too_large', {}]
        : received.status === 408
          ? ['timeout', {}]
          : received.status === 503
            ? ['busy', { 'retry-after': '2' }]
            : ['bad_request', {}];
    return refuse(res, received.status, error, `The request body: ${received.reason}.`, {
      // A body partly read cannot be skipped: the connection ends with the answer.
      close: !received.drain,
      headers,
    });
  }
  const unusable = await unusableAction(req, received.body);
  if (unusable) return refuse(res, 400, 'bad_action', `Not a server action: ${unusable}.`);
  // A cross-site or anonymous quiz API request is answered without waiting for a slot.
  if (route && (await quizApi.refusedEarly(req, res))) return;

  const request = received.body ? replayRequest(req, received.body) : req;
  const admitted = admission.admit({
    priority: priorityOf(req.method, req.url, (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    }),
    // The request is whole already: only the connection tells whether the client is there.
    abandoned: () => res.destroyed || req.socket.destroyed,
    run: () =>
      new Promise((resolve) => {
        // A response is done when it closes: finished, or its connection lost.
        res.once('close', resolve);
        void (route
          ? quizApi.serveQuizApi(request, res, route, received.body ?? undefined)
          : serve(request, res));
      }),
  });
  if (!admitted) {
    refuse(res, 503, 'busy', 'The server is busy; retry shortly.', {
      headers: { 'retry-after': '2' },
    });
  }
}

const server = createServer(
  {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  },
  (req, res) => {
    if (refusedConnection(req.socket)) return void res.destroy();
    req.headers['x-ackademy-socket-address'] = req.socket.remoteAddress ?? '';
    addHeadersOfLastResort(res);
    if (bypassesAdmission(req.url)) return void serve(req, res);
    accept(req, res).catch((error) => {
      console.error(error);
      refuse(res, 500, 'internal', 'internal error', { close: true });
    });
  },
);
server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
server.on('clientError', answerClientError);
capConnectionsPerAddress(server, limits.maxConnectionsPerAddress);
server.listen({ port, backlog: Number(process.env.ACKADEMY_LISTEN_BACKLOG ?? 4096) }, () =>
  log(`serving on http://localhost:${port} (process ${process.pid})`),
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections would hold close() forever.
    server.closeAllConnections();
  });
}
