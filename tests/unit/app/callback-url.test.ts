import { describe, expect, test } from 'vitest';
import { safeCallbackUrl } from '@/lib/auth/callback-url';

describe('safeCallbackUrl: only same-site paths survive', () => {
  test.each([
    ['/teach', '/teach'],
    ['/lessons/three-way-handshake?x=1', '/lessons/three-way-handshake?x=1'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
  ])('%j → %j', (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  test('takes the first of repeated parameters', () => {
    expect(safeCallbackUrl(['/a', '/b'])).toBe('/a');
    expect(safeCallbackUrl(undefined)).toBe('/');
  });
});
