// Interface languages: negotiation and the cookie that remembers the choice.
export {
  SUPPORTED_LOCALES,
  LOCALE_COOKIE,
  isUiLocale,
  negotiateLocale,
  type UiLocale,
} from './negotiate';
export {
  pickMessages,
  ROOT_CLIENT_NAMESPACES,
  SEGMENT_CLIENT_NAMESPACES,
  type ClientSegment,
} from './client-messages';
