// Nesting bounds for JSON bodies (lib/security/json-depth.mjs), and the quiz API refusing a
// deeply nested body with 400 before any handler walks it (lib/quiz-api/http.ts).
import { describe, expect, test } from 'vitest';
import { readJson } from '@/lib/quiz-api/http';
import { MAX_JSON_DEPTH, nestsWithin } from '@/lib/security/json-depth.mjs';

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

describe('nestsWithin', () => {
  test.each([
    [1, 1, true],
    [0, 0, true],
    [3, 3, true],
    [4, 3, false],
    [MAX_JSON_DEPTH, MAX_JSON_DEPTH, true],
    [MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH, false],
    [100_000, MAX_JSON_DEPTH, false],
  ])('%i levels within %i: %s', (depth, max, within) => {
    expect(nestsWithin(depth === 0 ? 'flat' : nested(depth), max)).toBe(within);
  });

  test('objects count as levels, and siblings do not add up', () => {
    expect(nestsWithin({ a: { b: { c: 1 } } }, 3)).toBe(true);
    expect(nestsWithin({ a: { b: { c: {} } } }, 3)).toBe(false);
    expect(nestsWithin({ a: [1, 2], b: [3, [4]], c: {} }, 3)).toBe(true);
  });
});

describe('readJson', () => {
  const request = (body: string) => new Request('http://localhost/api/x', { method: 'POST', body });

  test('a deeply nested body is refused with 400 too_deep', async () => {
    const result = await readJson(request('['.repeat(5_000) + ']'.repeat(5_000)), 16 * 1024);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(400);
    expect(await result.response.json()).toMatchObject({ error: 'too_deep' });
  });

  test('an ordinary body passes', async () => {
    const result = await readJson(request('{"position":1,"response":{"a":[1]}}'), 16 * 1024);
    expect(result).toEqual({ ok: true, value: { position: 1, response: { a: [1] } } });
  });
});
