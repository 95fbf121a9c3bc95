// The per-address connection cap (scripts/server/connections.mjs) and the headers every
// answer leaves with (scripts/server/answers.mjs), on a real http.Server.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addHeadersOfLastResort, answerClientError } from '../../../scripts/server/answers.mjs';
import {
  capConnectionsPerAddress,
  refusedConnection,
} from '../../../scripts/server/connections.mjs';

let server: Server;
let port: number;
let uncapped: Server;
let uncappedPort: number;
let cap: { open(address: string): number };

function makeServer(): Server {
  const made = createServer({ maxHeaderSize: 1024 }, (req, res) => {
    if (refusedConnection(req.socket)) return void res.destroy();
    addHeadersOfLastResort(res);
    if (req.url === '/own-policy') res.setHeader('content-security-policy', "default-src 'self'");
    if (req.url === '/policy-in-writehead') {
      res.writeHead(200, { 'Content-Security-Policy': "script-src 'self'" });
      return void res.end('ok');
    }
    res.end('ok');
  });
  made.on('clientError', answerClientError);
  return made;
}

async function listen(made: Server): Promise<number> {
  await new Promise<void>((resolve) => made.listen(0, '127.0.0.1', resolve));
  return (made.address() as AddressInfo).port;
}

beforeAll(async () => {
  server = makeServer();
  cap = capConnectionsPerAddress(server, 3);
  port = await listen(server);
  // The header tests' own connections must not count against the cap test's.
  uncapped = makeServer();
  uncappedPort = await listen(uncapped);
});

afterAll(async () => {
  for (const made of [server, uncapped]) {
    made.closeAllConnections();
    await new Promise((resolve) => made.close(resolve));
  }
});

function open(to = port): Promise<{ socket: Socket; received: Promise<string> }> {
  return new Promise((resolve) => {
    const socket = connect(to, '127.0.0.1');
    let out = '';
    const received = new Promise<string>((done) => {
      socket.on('data', (d) => (out += d.toString('latin1')));
      socket.on('close', () => done(out));
      socket.on('error', () => {});
    });
    socket.on('connect', () => resolve({ socket, received }));
  });
}

/** Resolves after the server has seen `count` open connections from the loopback address. */
async function settled(count: number) {
  for (let i = 0; i < 50 && cap.open('127.0.0.1') !== count; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(cap.open('127.0.0.1')).toBe(count);
}

describe('connections per address', () => {
  test('past the cap a connection is answered 429 and closed; a freed place is reused', async () => {
    const idle = await Promise.all([open(), open(), open()]);
    await settled(3);
    const over = await open();
    over.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await over.received;
    expect(answer).toMatch(/^HTTP\/1.1 429 /);
    expect(answer).toMatch(/retry-after: 5/i);
    expect(answer).toMatch(/x-content-type-options: nosniff/i);
    idle[0]!.socket.destroy();
    await settled(2);
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    expect(response.status).toBe(200);
    for (const { socket } of idle) socket.destroy();
    await settled(0);
  });
});

describe('headers of last resort', () => {
  test('an answer without them gets the static headers and a closed policy', async () => {
    const response = await fetch(`http://127.0.0.1:${uncappedPort}/`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  test('a file of the build gets the static headers but no policy: a worker runs under it', async () => {
    const response = await fetch(`http://127.0.0.1:${uncappedPort}/_next/static/chunks/w.js`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBeNull();
  });

  test.each([
    ['/own-policy', "default-src 'self'"],
    ['/policy-in-writehead', "script-src 'self'"],
  ])('%s keeps its own policy, once', async (path, policy) => {
    const response = await fetch(`http://127.0.0.1:${uncappedPort}${path}`);
    expect(response.headers.get('content-security-policy')).toBe(policy);
  });

  test.each([
    ['oversized headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(2_000)}\r\n\r\n`, 431],
    ['a malformed request line', 'GET / HTTP/9.9 junk\r\n\r\n', 400],
  ])('%s: Node refuses with %i and the same headers', async (_, request, status) => {
    const { socket, received } = await open(uncappedPort);
    socket.write(request);
    const answer = await received;
    expect(answer.split(' ')[1]).toBe(String(status));
    expect(answer).toMatch(/content-security-policy: default-src 'none'/i);
    expect(answer).toMatch(/x-content-type-options: nosniff/i);
  });
});
