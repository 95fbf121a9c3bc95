// Interface languages: negotiation and the cookie that remembers the choice.
export {
  SUPPORTED_LOCALES,
  LOCALE_COOKIE,
  isUiLocale,
  negotiateLocale,
  type UiLocale,
} from './negotiate';
