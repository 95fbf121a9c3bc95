// Where sign-in may send a visitor: only paths on this site. The bypasses are the usual list
// (tabs and newlines a browser drops, backslashes it reads as slashes, encodings, schemes);
// the same rule answers for the sign-in page (safeCallbackUrl) and NextAuth's redirect
// callback (safeRedirect).
import { describe, expect, test } from 'vitest';
import { safeCallbackUrl, safeRedirect, sameSitePath } from '@/lib/auth/callback-url';

const BYPASSES = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0D/evil.example',
  '/%2509/evil.example',
  '/ /evil.example',
  ' /evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '/%5cevil.example',
  '/%5C%5Cevil.example',
  '/%2f/evil.example',
  '/%2F%2Fevil.example',
  '/%252f%252fevil.example',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  '/\u2028/evil.example',
  '/\ufeff/evil.example',
  'https://evil.example/',
  'http:evil.example',
  '//evil.example/%2e%2e',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '/javascript:alert(1)/%0a',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '',
  '/%',
  '/%E0%A4%A',
];

const SAFE: [string, string][] = [
  ['/', '/'],
  ['/account', '/account'],
  ['/quizzes/abc?tab=results#top', '/quizzes/abc?tab=results#top'],
  ['/lessons/./tcp/../udp', '/lessons/udp'],
  ['/teach/classes?name=a%20b', '/teach/classes?name=a%20b'],
  ['/javascript:alert(1)', '/javascript:alert(1)'],
];

describe('sameSitePath / safeCallbackUrl', () => {
  test.each(BYPASSES)('refuses %j', (value) => {
    expect(sameSitePath(value)).toBeNull();
    expect(safeCallbackUrl(value)).toBe('/');
  });

  test.each(SAFE)('keeps %j as %j', (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  test('every accepted path resolves to this site in a real URL parser', () => {
    for (const value of [...BYPASSES, ...SAFE.map(([v]) => v)]) {
      const url = new URL(safeCallbackUrl(value), 'https://app.example');
      expect(url.origin).toBe('https://app.example');
    }
  });

  test('a list takes its first value; none is /', () => {
    expect(safeCallbackUrl(['/account', '//evil.example'])).toBe('/account');
    expect(safeCallbackUrl(['//evil.example', '/account'])).toBe('/');
    expect(safeCallbackUrl(undefined)).toBe('/');
    expect(safeCallbackUrl(null)).toBe('/');
  });
});

describe('safeRedirect (NextAuth redirect callback)', () => {
  const baseUrl = 'http://localhost:3000';
  test.each(BYPASSES)('sends %j home', (url) => {
    expect(safeRedirect({ url, baseUrl })).toBe(baseUrl);
  });

  test.each(BYPASSES.filter((v) => v.startsWith('/')))('sends the absolute %j home', (path) => {
    expect(safeRedirect({ url: `${baseUrl}${path}`, baseUrl })).toBe(baseUrl);
  });

  test('keeps paths and same-origin URLs, refuses other origins', () => {
    expect(safeRedirect({ url: '/account', baseUrl })).toBe(`${baseUrl}/account`);
    expect(safeRedirect({ url: `${baseUrl}/quizzes?x=1`, baseUrl })).toBe(`${baseUrl}/quizzes?x=1`);
    expect(safeRedirect({ url: 'http://localhost:3001/account', baseUrl })).toBe(baseUrl);
    expect(safeRedirect({ url: 'https://evil.example/account', baseUrl })).toBe(baseUrl);
  });
});
