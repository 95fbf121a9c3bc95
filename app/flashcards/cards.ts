// The flashcards a session can draw from: every lesson deck's cards and one card per row of
// the engine's transition table, with ids that stay stable across locales.
import 'server-only';
import { contentIndex, renderMarkdown, transitionCards } from '@/lib/content';

export type StudyCard = {
  /** deck/<deck>/<card> or transition/<card>: the key of the learner's review history. */
  id: string;
  deck: string;
  deckTitle: string;
  topics: string[];
  front: string;
  back: string;
};

export const TRANSITIONS_DECK = 'transitions';

/** The cards of one deck (or of all), in the order the decks present them. */
export function studyCards(locale: 'zh' | 'en', deck?: string): StudyCard[] {
  const index = contentIndex();
  const out: StudyCard[] = [];
  for (const d of index.decks(locale)) {
    if (deck !== undefined && d.deck !== deck) continue;
    for (const c of d.cards) {
      out.push({
        id: `deck/${d.deck}/${c.id}`,
        deck: d.deck,
        deckTitle: d.title,
        topics: [...c.topics],
        front: c.front,
        back: c.back,
      });
    }
  }
  if (deck === undefined || deck === TRANSITIONS_DECK) {
    const title = locale === 'zh' ? 'TCP 状态转换表' : 'TCP state transitions';
    for (const c of transitionCards(locale)) {
      out.push({
        id: `transition/${c.id}`,
        deck: TRANSITIONS_DECK,
        deckTitle: title,
        topics: [...c.topics],
        front: c.front,
        back: c.back,
      });
    }
  }
  return out;
}

/** The decks to choose from: id and title. */
export function deckList(locale: 'zh' | 'en'): { id: string; title: string }[] {
  return [
    ...contentIndex()
      .decks(locale)
      .map((d) => ({ id: d.deck, title: d.title })),
    { id: TRANSITIONS_DECK, title: locale === 'zh' ? 'TCP 状态转换表' : 'TCP state transitions' },
  ];
}

/** Card text is short Markdown; rendered and sanitised like lessons. */
export function cardHtml(markdown: string): string {
  return renderMarkdown(markdown).html;
}
