import { describe, expect, test } from 'vitest';
import { negotiateLocale } from '@/lib/i18n';

describe('negotiateLocale', () => {
  test.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-TW', 'zh'],
    ['zh', 'zh'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB,zh-CN;q=0.5', 'en'],
    ['fr-FR,zh-CN;q=0.8,en;q=0.5', 'zh'],
    ['fr-FR,de;q=0.9', 'en'],
    ['en;q=0.2,zh;q=0.9', 'zh'],
    ['zh;q=0,en', 'en'],
    ['', 'en'],
    ['*', 'en'],
    ['garbage;;;,,', 'en'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  test('no header → en', () => {
    expect(negotiateLocale(null)).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });
});
