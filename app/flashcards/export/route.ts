// GET /flashcards/export?deck=<id> – the cards of a deck (or of all decks) as a text file
// Anki imports, in the reader's language; re-importing updates the same notes (guid column).
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { toAnkiText } from '@/lib/srs';
import { cardHtml, deckList, studyCards } from '../cards';

const querySchema = z.object({ deck: z.string().min(1).max(100).optional() });

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = querySchema.safeParse({ deck: params.get('deck') ?? undefined });
  if (!parsed.success) return new Response('bad deck parameter', { status: 422 });
  const locale = (await getLocale()) === 'zh' ? 'zh' : 'en';
  const deck = parsed.data.deck;
  const title = deck ? deckList(locale).find((d) => d.id === deck)?.title : 'Ackademy';
  if (title === undefined) return new Response('no such deck', { status: 404 });
  const notes = studyCards(locale, deck).map((c) => ({
    id: `ackademy/${c.id}`,
    front: cardHtml(c.front),
    back: cardHtml(c.back),
    tags: ['ackademy', c.deck, ...c.topics],
  }));
  const name = deck ? `Ackademy::${title}` : 'Ackademy';
  return new Response(toAnkiText(notes, name), {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="ackademy-${deck ?? 'all'}-${locale}.txt"`,
    },
  });
}
