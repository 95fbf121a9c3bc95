// Every interface string exists in both languages, and every message file is loaded.
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadMessages, NAMESPACES } from '@/lib/i18n/messages';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    keyPaths(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('interface messages', () => {
  test.each(['zh', 'en'] as const)('every %s message file is a listed namespace', (locale) => {
    const files = readdirSync(`lib/i18n/messages/${locale}`)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...NAMESPACES].sort());
  });

  test('zh and en have exactly the same keys, none empty', async () => {
    const zh = await loadMessages('zh');
    const en = await loadMessages('en');
    expect(keyPaths(zh).sort()).toEqual(keyPaths(en).sort());
    for (const messages of [zh, en]) {
      const empty = keyPaths(messages).filter((path) => {
        const value = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty).toEqual([]);
    }
  });
});
