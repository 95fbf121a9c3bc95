// Lessons and flashcard decks: loading, validation, indexing and rendering to safe HTML.
import 'server-only';

import { loadDecks, loadLessons, type DeckSource, type LessonSource } from './load';
import { renderMarkdown, type RenderedMarkdown } from './render';
import type { ContentLocale, Topic } from './vocabulary';

export { ContentError } from './errors';
export { loadLessons, loadDecks, loadLessonFile, loadDeckFile, DEFAULT_CONTENT_ROOT } from './load';
export type { LessonSource, DeckSource } from './load';
export { renderMarkdown, type RenderedMarkdown, type TocEntry } from './render';
export { parseTraceAttributes, TraceBlockError } from './trace-blocks';
export { transitionCards } from './transition-cards';
export {
  lessonFrontmatterSchema,
  deckSchema,
  cardSchema,
  traceBlockSchema,
  type LessonFrontmatter,
  type Card,
  type DeckFile,
  type TraceBlock,
} from './schema';
export { TOPICS, CONTENT_LOCALES, type Topic, type ContentLocale } from './vocabulary';

export type ContentIndex = {
  lessons: (locale: ContentLocale) => LessonSource[];
  lesson: (locale: ContentLocale, slug: string) => LessonSource | undefined;
  lessonsByTopic: (locale: ContentLocale, topic: Topic) => LessonSource[];
  decks: (locale: ContentLocale) => DeckSource[];
  deck: (locale: ContentLocale, id: string) => DeckSource | undefined;
  render: (lesson: LessonSource) => RenderedMarkdown;
};

/** Builds an index over validated content; content is read once and never changes at run time. */
export function buildContentIndex(root?: string): ContentIndex {
  const lessons = loadLessons(root).sort((a, b) => a.order - b.order);
  const decks = loadDecks(root);
  const rendered = new Map<string, RenderedMarkdown>();
  return {
    lessons: (locale) => lessons.filter((l) => l.locale === locale),
    lesson: (locale, slug) => lessons.find((l) => l.locale === locale && l.slug === slug),
    lessonsByTopic: (locale, topic) =>
      lessons.filter((l) => l.locale === locale && l.topics.includes(topic)),
    decks: (locale) => decks.filter((d) => d.locale === locale),
    deck: (locale, id) => decks.find((d) => d.locale === locale && d.deck === id),
    render: (lesson) => {
      const key = `${lesson.locale}/${lesson.slug}`;
      let html = rendered.get(key);
      if (!html) {
        html = renderMarkdown(lesson.body);
        rendered.set(key, html);
      }
      return html;
    },
  };
}

let shared: ContentIndex | undefined;

/** The process-wide index of content/ (immutable, so sharing it across requests is safe). */
export function contentIndex(): ContentIndex {
  shared ??= buildContentIndex();
  return shared;
}
