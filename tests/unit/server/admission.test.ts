// The server's admission control: a bounded number of requests inside Next.js, the rest in
// line, quizzes under way first, and a slot never lost to a failed or abandoned request.
import { describe, expect, test } from 'vitest';
import {
  bypassesAdmission,
  createAdmission,
  priorityOf,
} from '../../../scripts/server/admission.mjs';

/** A job that runs until released, recording when it started. */
function job(log: string[], name: string, priority: 0 | 1 | 2 = 2, abandoned = () => false) {
  let release!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return {
    spec: {
      priority,
      abandoned,
      run: () => {
        log.push(name);
        return done;
      },
    },
    release: () => release(),
    fail: () => fail(new Error(name)),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('admission', () => {
  test('at most `limit` jobs run; the others start as slots free, in order', async () => {
    const log: string[] = [];
    const admission = createAdmission({ limit: 2 });
    const jobs = ['a', 'b', 'c', 'd'].map((n) => job(log, n));
    jobs.forEach((j) => admission.admit(j.spec));
    expect(log).toEqual(['a', 'b']);
    expect(admission.stats()).toMatchObject({ active: 2, waiting: 2 });
    jobs[1]!.release();
    await tick();
    expect(log).toEqual(['a', 'b', 'c']);
    jobs[0]!.release();
    await tick();
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    jobs[2]!.release();
    jobs[3]!.release();
    await tick();
    expect(admission.stats()).toEqual({ active: 0, waiting: 0, admitted: 4, dropped: 0 });
  });

  test('earlier lines overtake later ones, but never a running job', async () => {
    const log: string[] = [];
    const admission = createAdmission({ limit: 1 });
    const page1 = job(log, 'page1');
    const page2 = job(log, 'page2');
    const start = job(log, 'start', 1);
    const save1 = job(log, 'save1', 0);
    const save2 = job(log, 'save2', 0);
    for (const j of [page1, page2, start, save1, save2]) admission.admit(j.spec);
    expect(log).toEqual(['page1']);
    for (const j of [page1, save1, save2, start]) {
      j.release();
      await tick();
    }
    expect(log).toEqual(['page1', 'save1', 'save2', 'start', 'page2']);
  });

  test('a failed job frees its slot; an abandoned one is dropped unrun', async () => {
    const log: string[] = [];
    const admission = createAdmission({ limit: 1 });
    const failing = job(log, 'failing');
    const gone = job(log, 'gone', 2, () => true);
    const next = job(log, 'next');
    for (const j of [failing, gone, next]) admission.admit(j.spec);
    failing.fail();
    await tick();
    expect(log).toEqual(['failing', 'next']);
    expect(admission.stats()).toMatchObject({ active: 1, dropped: 1 });
  });

  test('a full line refuses newcomers at once, after letting go of clients who left', () => {
    const log: string[] = [];
    const admission = createAdmission({ limit: 1, maxWaiting: 2 });
    let left = false;
    const running = job(log, 'running');
    const leaving = job(log, 'leaving', 2, () => left);
    const waiting = job(log, 'waiting');
    for (const j of [running, leaving, waiting]) expect(admission.admit(j.spec)).toBe(true);
    expect(admission.admit(job(log, 'refused').spec)).toBe(false);
    expect(admission.stats()).toMatchObject({ active: 1, waiting: 2, dropped: 0 });
    left = true;
    expect(admission.admit(job(log, 'in place of the one who left').spec)).toBe(true);
    expect(admission.stats()).toMatchObject({ active: 1, waiting: 2, dropped: 1 });
    expect(log).toEqual(['running']);
  });

  test('the limit must be a positive integer', () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => createAdmission({ limit })).toThrow(/admission limit/);
    }
  });

  test.each([
    ['POST', '/api/attempts/abc/answers', undefined, 0],
    ['POST', '/api/attempts/abc/submit', undefined, 0],
    ['GET', '/api/attempts/abc?locale=en', undefined, 0],
    ['GET', '/api/attempts/abc', undefined, 0],
    ['POST', '/api/quizzes/q/attempts', undefined, 1],
    ['GET', '/quizzes/attempts/abc', undefined, 1],
    ['POST', '/quizzes/q', 'action-id', 1],
    ['POST', '/quizzes/q', undefined, 2],
    ['GET', '/quizzes/q', undefined, 2],
    ['GET', '/quizzes/attempts/abc/review', undefined, 2],
    ['GET', '/api/attempts/abc/other', undefined, 2],
    ['DELETE', '/api/attempts/abc', undefined, 2],
    ['GET', '/', undefined, 2],
  ] as const)('%s %s (Next-Action %s) waits in line %i', (method, url, action, expected) => {
    expect(priorityOf(method, url, (name) => (name === 'next-action' ? action : undefined))).toBe(
      expected,
    );
  });

  test('only hashed static files bypass the line', () => {
    expect(bypassesAdmission('/_next/static/chunks/a.js')).toBe(true);
    expect(bypassesAdmission('/_next/image?url=x')).toBe(false);
    expect(bypassesAdmission('/')).toBe(false);
    expect(bypassesAdmission(undefined)).toBe(false);
  });
});
