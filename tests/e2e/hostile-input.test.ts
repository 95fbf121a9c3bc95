// The hostile-input suite (issue 19) against the real server `npm start` runs: slow and idle
// sockets, bodies that never come, malformed encodings and headers, forged server actions,
// oversized and deeply nested bodies to every mutating route, oversized share links. Through
// each attack a probe (a page, and a quiz API call as a signed-in student) must be answered
// within 1 s (asked again once if the machine was busy: see probe()); no answer may be a
// 5xx, and every answer carries the security headers.
// Loopback only; every loop is bounded in count and time.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { scenario as synFlood } from '@/lib/engine/catalog/syn-flood';
import { HttpClient } from './http-client';
import { closeFixtures, createClassWithQuiz } from './quiz-fixtures';

const baseUrl = inject('baseUrl');
const port = Number(new URL(baseUrl).port);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const student = new HttpClient(baseUrl);
const teacher = new HttpClient(baseUrl);
let attemptId = '';
let quizId = '';

beforeAll(async () => {
  await student.signIn('student@ackademy.dev', 'ackademy-student');
  await teacher.signIn('teacher@ackademy.dev', 'ackademy-teacher');
  const quiz = await createClassWithQuiz({ title: 'Hostile input' });
  quizId = quiz.quizId;
  process.env.DATABASE_URL = inject('databaseUrl');
  const [{ joinWithCode }, { findUserByEmail }] = await Promise.all([
    import('@/lib/classroom'),
    import('@/lib/db'),
  ]);
  await joinWithCode(await findUserByEmail('student@ackademy.dev'), quiz.joinCode);
  const started = await student.post(`/api/quizzes/${quizId}/attempts`);
  expect(started.status).toBe(200);
  attemptId = (JSON.parse(started.body) as { attemptId: string }).attemptId;
});

afterAll(async () => {
  await closeFixtures();
});

// --- the probe ---------------------------------------------------------------------------

type Probe = { what: string; status: number; ms: number };

async function timed(what: string, url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return { what, status: response.status, ms: Math.round(performance.now() - started) };
  } catch {
    return { what, status: 0, ms: Math.round(performance.now() - started) };
  }
}

/**
 * Asks once; a probe slower than 1 s is asked again at once, and the second answer is the one
 * judged. Five helpers' builds share this 2-core machine, and a render can lose the CPU for a
 * moment; a frozen server (every slot held) fails the second ask as well.
 */
async function probe(what: string, url: string, headers: Record<string, string> = {}) {
  const first = await timed(what, url, headers);
  if (first.status !== 200 || first.ms < 1_000) return first;
  const again = await timed(`${what} (asked again after ${first.ms} ms)`, url, headers);
  return first.ms >= 3_000
    ? { ...again, what: `${what} (first ask took ${first.ms} ms)`, ms: first.ms }
    : again;
}

/** Runs `attack` while a normal client keeps asking; every probe answered 200 within 1 s. */
async function whileProbing<T>(attack: () => Promise<T>): Promise<T> {
  const probes: Probe[] = [];
  let attacking = true;
  const probing = (async () => {
    while (attacking || probes.length < 4) {
      probes.push(await probe('page', `${baseUrl}/`));
      probes.push(
        await probe('quiz API', `${baseUrl}/api/attempts/${attemptId}?locale=en`, {
          cookie: student.cookieHeader(),
        }),
      );
      await sleep(150);
    }
  })();
  try {
    return await attack();
  } finally {
    attacking = false;
    await probing;
    expect(probes.filter((p) => p.status !== 200 || p.ms >= 1_000)).toEqual([]);
  }
}

// --- raw sockets -------------------------------------------------------------------------

type Raw = { socket: Socket; received: () => string; closed: Promise<string> };

function open(): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    const closed = new Promise<string>((done) => {
      socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
      socket.on('close', () => done(out));
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      resolve({ socket, received: () => out, closed });
    });
  });
}

/** Resolves with what came back once the socket closed, or after `ms` (then it is cut). */
async function within(raw: Raw, ms: number): Promise<{ answer: string; closed: boolean }> {
  const timer = sleep(ms).then(() => null);
  const answer = await Promise.race([raw.closed, timer]);
  if (answer === null) {
    raw.socket.destroy();
    return { answer: raw.received(), closed: false };
  }
  return { answer, closed: true };
}

type Parsed = { status: number; headers: Map<string, string> };

function parse(answer: string): Parsed {
  const [head = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers };
}

/** One request on its own connection, as raw bytes; the parsed answer. */
async function rawRequest(bytes: Buffer | string): Promise<Parsed> {
  const raw = await open();
  raw.socket.write(bytes);
  const { answer } = await within(raw, 10_000);
  return parse(answer);
}

/** The headers every answer carries, whoever wrote it. */
function expectSecurityHeaders(headers: { get(name: string): string | null | undefined }) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('content-security-policy')).toMatch(/default-src '(none|self)'/);
}

const get = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n${extra}\r\n`;

// --- slow and idle sockets ---------------------------------------------------------------

describe('slow and idle sockets', () => {
  test('slowloris: headers a line at a time hold no slot, and are cut at the headers timeout', async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, open));
    const started = Date.now();
    await whileProbing(async () => {
      for (const raw of sockets) raw.socket.write(`GET / HTTP/1.1\r\nHost: localhost\r\n`);
      for (let i = 0; i < 8; i++) {
        await sleep(500);
        for (const raw of sockets)
          if (!raw.socket.destroyed) raw.socket.write(`X-Slow-${i}: a\r\n`);
      }
    });
    const ends = await Promise.all(
      sockets.map((raw) => within(raw, 20_000 - (Date.now() - started))),
    );
    for (const { answer, closed } of ends) {
      expect(closed).toBe(true);
      const { status, headers } = parse(answer);
      expect(status).toBe(408);
      expectSecurityHeaders(headers);
    }
    expect(Date.now() - started).toBeLessThan(16_000);
  });

  const bodyTargets = () => [
    { target: '/', extra: 'Content-Type: text/plain\r\n' },
    {
      target: `/api/attempts/${attemptId}/answers`,
      extra: `Content-Type: application/json\r\nOrigin: ${baseUrl}\r\nCookie: ${student.cookieHeader()}\r\n`,
    },
    {
      target: '/api/auth/callback/credentials',
      extra: 'Content-Type: application/x-www-form-urlencoded\r\n',
    },
  ];

  test.each([
    ['a body that never comes', ''],
    ['a partial body', '{"position":0,'],
  ])('%s: others are served meanwhile, and the sender gets 408 within seconds', async (_, sent) => {
    const sockets: Raw[] = [];
    const answers = await whileProbing(async () => {
      for (const { target, extra } of bodyTargets()) {
        for (let i = 0; i < 4; i++) {
          const raw = await open();
          raw.socket.write(
            `POST ${target} HTTP/1.1\r\nHost: localhost:${port}\r\n${extra}Content-Length: 400\r\n\r\n${sent}`,
          );
          sockets.push(raw);
        }
      }
      return Promise.all(sockets.map((raw) => within(raw, 12_000)));
    });
    for (const { answer, closed } of answers) {
      expect(closed).toBe(true);
      const { status, headers } = parse(answer);
      expect(status).toBe(408);
      expectSecurityHeaders(headers);
    }
  });

  test('three hundred idle sockets from one address do not slow anyone', async () => {
    const sockets: Raw[] = [];
    try {
      await whileProbing(async () => {
        for (let i = 0; i < 300; i++) sockets.push(await open());
        await sleep(2_000);
      });
    } finally {
      for (const raw of sockets) raw.socket.destroy();
    }
  });

  test('past the per-address cap (512 by default) a connection is answered 429 at once', async () => {
    // The previous test's sockets are gone from the server's count.
    await sleep(1_000);
    const sockets: Raw[] = [];
    try {
      for (let i = 0; i < 530; i++) sockets.push(await open());
      await sleep(500);
      const refused = sockets.filter((raw) => raw.received().startsWith('HTTP/1.1 429'));
      // Whatever else of this process holds loopback connections counts too.
      expect(refused.length).toBeGreaterThanOrEqual(18);
      expect(refused.length).toBeLessThanOrEqual(30);
      const { headers } = parse(refused[0]!.received());
      expect(headers.get('retry-after')).toBe('5');
      expectSecurityHeaders(headers);
    } finally {
      for (const raw of sockets) raw.socket.destroy();
    }
    await sleep(500);
    expect((await timed('page', `${baseUrl}/`)).status).toBe(200);
  });
});

// --- malformed requests ------------------------------------------------------------------

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('malformed requests', () => {
  test.each([
    ['/%E0%A4%A', 400],
    ['/lessons/%ZZ', 400],
    ['/?a=%', 400],
    ['/lessons?x=%E0%A4%A', 400],
    ['/%FF', 400],
    ['/%C0%AF', 400],
    ['/simulator?file=%ZZ', 400],
    ['/api/attempts/%ZZ', 400],
    ['/api/auth/session?x=%', 400],
    ['/lessons/%2e%2e/%2e%2e/etc/passwd', 404],
  ])('the target %s is answered %i with the security headers', async (target, status) => {
    await whileProbing(async () => {
      const answer = await rawRequest(get(target));
      expect(answer.status).toBe(status);
      expectSecurityHeaders(answer.headers);
    });
  });

  test.each([
    [
      'invalid UTF-8 in the path',
      bytes('GET /', [0xff, 0xfe], ' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ],
    [
      'invalid UTF-8 in the query',
      bytes('GET /?q=', [0xc3, 0x28], ' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ],
    [
      'invalid UTF-8 in header values',
      get('/lessons', 'X-T: \xff\xfe\r\nAccept-Language: \xff\xfe\r\nCookie: a=\xff\r\n'),
    ],
    ['invalid UTF-8 in a header name', get('/lessons', '\xff\xfe: 1\r\n')],
    [
      'a session cookie of garbage',
      get('/me', 'Cookie: next-auth.session-token=%ZZ\xff.a.b.c.d\r\n'),
    ],
    ['a malformed router state', get('/lessons', 'RSC: 1\r\nNext-Router-State-Tree: %ZZ{{\r\n')],
    [
      'a router state of JSON garbage',
      get('/lessons', 'RSC: 1\r\nNext-Router-State-Tree: %5B%5B%5B\r\n'),
    ],
    ['a malformed Next-Url', get('/lessons', 'RSC: 1\r\nNext-Url: %E0%A4%A\r\n')],
    [
      'a bad forwarded address',
      get('/', 'X-Forwarded-For: \xff, %ZZ, ::::\r\nX-Forwarded-Proto: gopher\r\n'),
    ],
    ['an absurd Range', get('/icon.svg', 'Range: bytes=999999999-1\r\n')],
    ['an oversized header', get('/', `X-Big: ${'a'.repeat(20_000)}\r\n`)],
    ['thousands of headers', get('/', 'X-Many: 1\r\n'.repeat(3_000))],
    ['an HTTP/0.9-style line', 'GET /\r\n\r\n'],
    ['a request line of garbage', 'BREW /pot HTCPCP/1.0\r\n\r\n'],
  ])('%s: no 5xx, and the security headers', async (_, request) => {
    await whileProbing(async () => {
      const answer = await rawRequest(
        typeof request === 'string' ? Buffer.from(request, 'latin1') : request,
      );
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(500);
      expectSecurityHeaders(answer.headers);
    });
  });

  test('/favicon.ico and the icon carry the headers; the icon is an SVG', async () => {
    for (const target of ['/favicon.ico', '/icon.svg']) {
      const response = await fetch(`${baseUrl}${target}`);
      expect(response.status).toBeLessThan(500);
      expectSecurityHeaders(response.headers);
    }
    const icon = await fetch(`${baseUrl}/icon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const home = await (await fetch(`${baseUrl}/`)).text();
    expect(home).toMatch(/<link rel="icon" href="\/icon\.svg/);
  });
});

// --- server actions ------------------------------------------------------------------------

type Action = { id: string; name: string; path: string };

/** Every server action of the build, with a page it is posted to. */
function actions(): Action[] {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json'),
      'utf8',
    ),
  ) as { node: Record<string, { workers: Record<string, unknown>; exportedName?: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0]!;
    const page = worker
      .replace(/^app/, '')
      .replace(/\/page$/, '')
      .replace(/\/\([^)]*\)/g, '')
      .replace(/\[[^\]]+\]/g, 'x');
    return { id, name: entry.exportedName ?? id, path: page || '/' };
  });
}

describe('forged and malformed server actions', () => {
  const someAction = () => actions()[0]!;
  const post = (
    client: HttpClient,
    target: string,
    headers: Record<string, string>,
    body: string | Uint8Array,
  ) => client.post(target, { headers, body });
  const form = (fields: string) =>
    `--b\r\nContent-Disposition: form-data; name="${fields}"\r\n\r\n1\r\n--b--\r\n`;

  test.each([
    ['a Next-Action that is no id', () => ({ 'next-action': '../../x' }), '[]'],
    ['an unknown well-formed id', () => ({ 'next-action': 'a'.repeat(42) }), '[]'],
    [
      'a real id with arguments that are not JSON',
      () => ({ 'next-action': someAction().id }),
      '{{{',
    ],
    [
      'a real id with arguments that are not a list',
      () => ({ 'next-action': someAction().id }),
      '"x"',
    ],
    ['a real id with no arguments', () => ({ 'next-action': someAction().id }), ''],
    [
      'a real id with a multipart body missing its arguments',
      () => ({ 'next-action': someAction().id, 'content-type': 'multipart/form-data; boundary=b' }),
      form('x'),
    ],
    [
      'a real id with a cut-off multipart body',
      () => ({ 'next-action': someAction().id, 'content-type': 'multipart/form-data; boundary=b' }),
      '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[',
    ],
    [
      'a form posted to a page naming no action',
      () => ({ 'content-type': 'multipart/form-data; boundary=b' }),
      form('a'),
    ],
    [
      'a form naming a bogus action',
      () => ({ 'content-type': 'multipart/form-data; boundary=b' }),
      form('$ACTION_ID_zz'),
    ],
    [
      'a form naming a bogus bound action',
      () => ({ 'content-type': 'multipart/form-data; boundary=b' }),
      form('$ACTION_REF_1'),
    ],
    [
      'an encoded form naming no action',
      () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
      'a=1&b=%ZZ',
    ],
  ])('%s: a 4xx with the security headers', async (_, headers, body) => {
    await whileProbing(async () => {
      for (const client of [new HttpClient(baseUrl), teacher]) {
        const response = await fetch(`${baseUrl}/lessons`, {
          method: 'POST',
          headers: { origin: baseUrl, cookie: client.cookieHeader(), ...headers() },
          body,
          redirect: 'manual',
        });
        await response.arrayBuffer();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expectSecurityHeaders(response.headers);
      }
    });
  });

  test('oversized (413) and deeply nested (400) arguments to every action', async () => {
    const all = actions();
    expect(all.length).toBeGreaterThan(10);
    const deep = `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`;
    const deepObject = `[${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]`;
    const huge = `["${'a'.repeat(2 * 1024 * 1024)}"]`;
    const deepMultipart = `--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--b\r\nContent-Disposition: form-data; name="1_x"\r\n\r\n${'['.repeat(50_000)}${']'.repeat(50_000)}\r\n--b--\r\n`;
    const failures: string[] = [];
    await whileProbing(async () => {
      for (const action of all) {
        for (const [label, body, type] of [
          ['deep list', deep, 'text/plain;charset=UTF-8'],
          ['deep object', deepObject, 'text/plain;charset=UTF-8'],
          ['2 MB', huge, 'text/plain;charset=UTF-8'],
          ['deep multipart', deepMultipart, 'multipart/form-data; boundary=b'],
        ] as const) {
          const response = await post(
            teacher,
            action.path,
            { 'next-action': action.id, 'content-type': type },
            body,
          );
          const expected = label === '2 MB' ? response.status === 413 : response.status === 400;
          if (!expected) {
            failures.push(`${action.name} at ${action.path}, ${label}: ${response.status}`);
          }
        }
      }
    });
    expect(failures).toEqual([]);
  });

  test('oversized (413) and deeply nested JSON to every mutating route handler: never a 5xx', async () => {
    const routes = [
      { client: student, target: `/api/attempts/${attemptId}/answers` },
      { client: student, target: `/api/attempts/${attemptId}-other/submit` },
      { client: student, target: `/api/quizzes/${quizId}/attempts` },
      { client: new HttpClient(baseUrl), target: '/api/attempts/x/answers' },
      { client: new HttpClient(baseUrl), target: '/api/auth/callback/credentials' },
      { client: new HttpClient(baseUrl), target: '/api/auth/signout' },
      { client: new HttpClient(baseUrl), target: '/api/auth/signin/credentials' },
    ];
    const bodies = [
      ['deep (10 kB)', '['.repeat(5_000) + ']'.repeat(5_000)],
      ['deep (200 kB)', '['.repeat(100_000) + ']'.repeat(100_000)],
      [
        'deep object',
        `{"position":0,"clientRev":1,"response":${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}}`,
      ],
      ['2 MB', `{"a":"${'a'.repeat(2 * 1024 * 1024)}"}`],
    ] as const;
    const failures: string[] = [];
    await whileProbing(async () => {
      for (const { client, target } of routes) {
        for (const [label, body] of bodies) {
          const response = await client.post(target, {
            headers: { 'content-type': 'application/json' },
            body,
            keepCookies: false,
          });
          // A handler may ignore a body it does not need (starting an attempt), but never fail.
          if (response.status >= 500 || (label === '2 MB' && response.status !== 413)) {
            failures.push(`${target}, ${label}: ${response.status}`);
          }
        }
      }
    });
    expect(failures).toEqual([]);
  });
});

// --- share links (last: on a server that runs shared scenarios unbounded, they crash it) ---

function shareLink(file: unknown): string {
  const encoded = Buffer.from(JSON.stringify(file)).toString('base64url');
  return `/simulator?file=${encoded}&seed=1`;
}

function flood(count: number) {
  const attacker = synFlood.endpoints!.attacker!;
  return {
    ...synFlood,
    endpoints: {
      ...synFlood.endpoints,
      attacker: {
        ...attacker,
        program: [{ syn_flood: { target: 'server', count, interval: 0.000001, src_port: 20000 } }],
      },
    },
  };
}

describe('share links', () => {
  test.each([
    ['a 20,000-SYN flood', () => shareLink(flood(20_000))],
    ['a 50,000-SYN flood', () => shareLink(flood(50_000))],
    [
      'a client sending a gigabyte',
      () =>
        shareLink({
          ...synFlood,
          endpoints: {
            ...synFlood.endpoints,
            client: { port: 40001, program: [{ connect: 'server' }, { send: 1_000_000_000 }] },
          },
        }),
    ],
    [
      'a hundred and twenty clients',
      () =>
        shareLink({
          ...synFlood,
          endpoints: {
            server: synFlood.endpoints!.server,
            ...Object.fromEntries(
              Array.from({ length: 120 }, (_, i) => [
                `c${i}`,
                { port: 30000 + i, program: [{ connect: 'server' }, { send: 1_000_000 }] },
              ]),
            ),
          },
        }),
    ],
    [
      // 1,500 levels: deep, yet the link stays under Node's 16 kB header limit (else 431).
      'a deeply nested scenario',
      () =>
        `/simulator?file=${Buffer.from(`${'{"a":'.repeat(1_500)}1${'}'.repeat(1_500)}`).toString('base64url')}`,
    ],
  ])('%s: the page answers quickly, no 5xx, and the server lives on', async (_, link) => {
    await whileProbing(async () => {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${link()}`, { signal: AbortSignal.timeout(20_000) });
      const html = await response.arrayBuffer();
      expect(response.status).toBeLessThan(500);
      expect(html.byteLength).toBeLessThan(2_000_000);
      expect(performance.now() - started).toBeLessThan(3_000);
    });
  });
});
