// Receiving request bodies before admission (scripts/server/body.mjs), on a real socket: a
// whole body, one too large (declared or streamed), one that stops or trickles, the budget
// for all bodies at once, and the replayed request a stream reader sees.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createBodyBudget,
  receiveBody,
  replayRequest,
  type BodyBudget,
} from '../../../scripts/server/body.mjs';

let server: Server;
let port: number;
let budget: BodyBudget;

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

beforeAll(async () => {
  budget = createBodyBudget(64);
  server = createServer((req, res) => {
    void receiveBody(req, res, { limit: 32, idleMs: 300, deadlineMs: 1_000, budget }).then(
      async (received) => {
        if (!received.ok) {
          res.statusCode = received.status;
          if (!received.drain) res.setHeader('connection', 'close');
          res.end(received.reason);
          return;
        }
        // What Next.js would read from the request it is handed.
        const replayed = received.body ? await readAll(replayRequest(req, received.body)) : null;
        res.end(JSON.stringify({ replayed, method: req.method, url: req.url }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends `parts` with `gapMs` between them on a raw socket; resolves with the status line. */
function raw(parts: string[], gapMs = 0): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d) => (out += d.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: Number(out.split(' ')[1] ?? 0), ms: Date.now() - started });
    });
    socket.on('error', reject);
    const next = (i: number) => {
      if (i >= parts.length || socket.destroyed) return;
      socket.write(parts[i]!);
      timer = setTimeout(() => next(i + 1), gapMs);
    };
    socket.on('connect', () => next(0));
  });
}

const head = (length: number | 'chunked') =>
  `POST /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${
    length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`
  }\r\n\r\n`;

describe('receiveBody', () => {
  test('a whole body is received and replayed to a stream reader', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/x?y=1`, {
      method: 'POST',
      body: 'hello, body',
    });
    expect(await response.json()).toEqual({
      replayed: 'hello, body',
      method: 'POST',
      url: '/x?y=1',
    });
    expect(budget.used()).toBe(0);
  });

  test('a request without a body is not waited for', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/x`);
    expect(await response.json()).toMatchObject({ replayed: null, method: 'GET' });
  });

  test('a declared length over the limit is 413 at once', async () => {
    const { status, ms } = await raw([head(33)]);
    expect(status).toBe(413);
    expect(ms).toBeLessThan(250);
  });

  test('a body refused for its declared length is drained: the connection serves the next request', async () => {
    const keepAlive = head(40).replace('Connection: close\r\n', '');
    const answers = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let out = '';
      socket.on('data', (d) => (out += d.toString()));
      socket.on('close', () => resolve(out));
      socket.on('connect', () =>
        socket.write(
          `${keepAlive}${'a'.repeat(40)}GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        ),
      );
    });
    expect([...answers.matchAll(/HTTP\/1.1 (\d+)/g)].map((m) => m[1])).toEqual(['413', '200']);
  });

  test('a chunked body that grows over the limit is 413', async () => {
    const chunk = `14\r\n${'a'.repeat(20)}\r\n`;
    expect((await raw([head('chunked'), chunk, chunk], 20)).status).toBe(413);
  });

  test.each([
    ['headers and no body', [head(10)], 0],
    ['half a body', [head(10), 'abcde'], 0],
  ])('%s: 408 once nothing arrives for the idle time', async (_, parts, gap) => {
    const { status, ms } = await raw(parts, gap);
    expect(status).toBe(408);
    expect(ms).toBeGreaterThanOrEqual(280);
    expect(ms).toBeLessThan(900);
  });

  test('a trickle that never stops is 408 at the deadline', async () => {
    const { status, ms } = await raw([head(30), ...Array.from({ length: 29 }, () => 'a')], 100);
    expect(status).toBe(408);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2_000);
  });

  test('past the budget for all bodies at once, a body is 503; the budget comes back', async () => {
    // Two 30-byte bodies held open (never finished) fill 60 of the 64 bytes.
    const held = [raw([head(31), 'a'.repeat(30)]), raw([head(31), 'a'.repeat(30)])];
    await new Promise((r) => setTimeout(r, 100));
    expect((await raw([head(10), 'a'.repeat(10)])).status).toBe(503);
    await Promise.all(held);
    expect(budget.used()).toBe(0);
    expect((await raw([head(10), 'a'.repeat(10)])).status).toBe(200);
  });
});
