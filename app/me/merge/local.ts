// In the browser, right after sign-in or sign-up: sends the visitor's local answers and
// ratings to the account (in chunks, oldest first), then forgets the local copies.
import { clearLocalCards, loadLocalCards } from '../../flashcards/local-cards';
import { clearLocalAnswers, loadLocalAnswers } from '../../practice/local-answers';
import { clearVisitorProgress } from '../../practice/local-progress';
import { mergeVisitorProgressAction } from './actions';

/**
 * The most the server takes per request (MAX_MERGE_ANSWERS); also keeps each request well
 * under Next's 1 MB limit on a server action's body.
 */
const CHUNK = 250;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function hasLocalProgress(): boolean {
  return loadLocalAnswers().length > 0 || loadLocalCards().log.length > 0;
}

/**
 * Moves local progress into the signed-in account. Returns false (keeping the local copies
 * for a later try) when the server refused a chunk; a chunk already merged is not counted
 * twice when it is sent again.
 */
export async function mergeLocalProgress(): Promise<boolean> {
  // Only what the server needs: it grades each answer again. A browser normally has one
  // visitor key; answers kept from an older key are sent with theirs.
  const byKey = new Map<string, { ticket: string; response: unknown; answeredAt: string }[]>();
  for (const { ticket, visitorKey, response, answeredAt } of loadLocalAnswers()) {
    const list = byKey.get(visitorKey) ?? [];
    list.push({ ticket, response, answeredAt });
    byKey.set(visitorKey, list);
  }
  const reviews = loadLocalCards()
    .log.map((l) => ({
      cardId: l.cardId,
      rating: l.rating,
      reviewedAt: l.reviewedAt.toISOString(),
    }))
    .sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
  if (byKey.size === 0 && reviews.length === 0) return true;
  for (const [visitorKey, answers] of byKey) {
    answers.sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    for (const part of chunks(answers)) {
      const result = await mergeVisitorProgressAction({ visitorKey, answers: part, reviews: [] });
      if (!result.ok) return false;
    }
  }
  for (const part of chunks(reviews)) {
    const result = await mergeVisitorProgressAction({ answers: [], reviews: part });
    if (!result.ok) return false;
  }
  clearLocalAnswers();
  clearVisitorProgress();
  clearLocalCards();
  return true;
}
