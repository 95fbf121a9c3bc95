// Picks the interface language from what the browser asks for: Simplified Chinese for a
// browser that prefers any zh variant, English otherwise.
export const SUPPORTED_LOCALES = ['zh', 'en'] as const;
export type UiLocale = (typeof SUPPORTED_LOCALES)[number];
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function isUiLocale(value: unknown): value is UiLocale {
  return value === 'zh' || value === 'en';
}

/** Parses an Accept-Language header and returns the best supported locale. */
export function negotiateLocale(acceptLanguage: string | null | undefined): UiLocale {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
