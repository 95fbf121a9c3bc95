// The reader's theme choice, kept in a cookie so the server renders the right class.
export const THEME_COOKIE = 'ackademy-theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export function parseTheme(value: string | undefined): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}
