// `npm start`: prepares the app in a child process (scripts/prepare.ts: migrations, demo
// users, a build when the sources changed), then serves the production build on $PORT from
// this process. One server process and its own http.Server: the preparation's memory is
// returned before serving, and the listen backlog is ours to size for a class that arrives
// at once (Next.js's own `next start` listens with Node's default of 511). package.json's
// start script caps the heap (--max-old-space-size): V8 otherwise grows it to several times
// what the app keeps alive before collecting, and a class's quiz would cost a gigabyte.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bypassesAdmission, createAdmission, priorityOf } from './server/admission.mjs';
import { QUIZ_API_BUNDLE } from './server/quiz-api-bundle.mjs';

const root = process.cwd();
const log = (message) => console.log(`ackademy: ${message}`);

const prepared = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    '--conditions=react-server',
    'scripts/prepare.ts',
  ],
  { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } },
);
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const port = Number(process.env.PORT?.trim() || '3000');
const secretFile = path.join(root, 'data', 'auth-secret');
process.env.NEXTAUTH_SECRET ||= existsSync(secretFile)
  ? readFileSync(secretFile, 'utf8').trim()
  : '';
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED ||= '1';
// Next.js reads this before it loads anything.
process.env.NODE_ENV = 'production';

const { default: next } = await import('next');
const app = next({ dev: false, dir: root, port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();
// The quiz API (autosave, submit, loading and starting an attempt) is answered without
// Next.js's routing: the same handlers as app/api/…, called directly (lib/quiz-api/node.ts).
const quizApi = await import(pathToFileURL(path.join(root, QUIZ_API_BUNDLE)).href);

// Enough requests in flight to overlap database waits, few enough that a burst queues
// instead of piling up renders (scripts/server/admission.mjs). SQLite's driver works
// synchronously, so more than two at once only interleave; PostgreSQL waits on the network.
const postgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');
const admission = createAdmission({
  limit: Number(process.env.ACKADEMY_MAX_ACTIVE_REQUESTS || (postgres ? 4 : 2)),
});
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
const server = createServer((req, res) => {
  req.headers['x-ackademy-socket-address'] = req.socket.remoteAddress ?? '';
  if (bypassesAdmission(req.url)) return void serve(req, res);
  const route = quizApi.matchQuizApi(req.method, req.url);
  admission.admit({
    priority: priorityOf(req.method, req.url, (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    }),
    abandoned: () => req.destroyed || res.destroyed,
    run: () =>
      new Promise((resolve) => {
        // A response is done when it closes: finished, or its connection lost.
        res.once('close', resolve);
        void (route ? quizApi.serveQuizApi(req, res, route) : serve(req, res));
      }),
  });
});
// Longer than a browser's keep-alive hint handling, so an idle connection is closed by the
// client rather than under a request it just sent.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen({ port, backlog: Number(process.env.ACKADEMY_LISTEN_BACKLOG ?? 4096) }, () =>
  log(`serving on http://localhost:${port}`),
);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections would hold close() forever.
    server.closeAllConnections();
  });
}
