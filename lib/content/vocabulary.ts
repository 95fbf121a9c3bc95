// The closed vocabularies content uses: the shared topics and the content languages.
// Question-template ids belong to lib/questions; the content lint checks lessons against it.
export { TOPICS, type Topic } from '@/lib/topics';

export const CONTENT_LOCALES = ['zh', 'en'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];
