// The server's side of per-student variants: lib/quiz plans them from a keyed seed function,
// and this module is the one place that supplies it (HMAC under the 'quiz-variant' server
// key) and the seed chooser backed by the generators, so attempts, the instructor's preview
// and the paper export all plan the same variant.
import 'server-only';
import { seedAbout } from '@/lib/questions';
import {
  planAttempt,
  type LayoutItem,
  type SeedChooser,
  type SlotSpec,
  type VariantKey,
} from '@/lib/quiz';
// Not the module index: it brings next-intl/server, which the quiz API's bundle must not load.
import { keyedSeed, serverKey } from '@/lib/security/server-keys';
import { generates } from './questions';

/** The keyed seed of a variant message; the same on every instance that shares the secret. */
export function variantSeed(message: string): number {
  return keyedSeed(serverKey('quiz-variant'), message);
}

/**
 * A question's seed: the first keyed candidate whose question generates and, in a topic slot,
 * is about the slot's topic (issue 18: a TIME_WAIT slot served an ISN question).
 */
export const chooseSeed: SeedChooser = (wanted, candidates) => {
  if (wanted.topic !== null) return seedAbout({ ...wanted, topic: wanted.topic }, candidates);
  for (const seed of candidates) if (generates({ ...wanted, seed })) return seed;
  return null;
};

/** The variant `key` gets of these slots, with seeds only the server can compute. */
export function planVariant(
  key: VariantKey,
  slots: readonly SlotSpec[],
  shuffle: boolean,
): LayoutItem[] {
  return planAttempt(key, slots, shuffle, variantSeed, chooseSeed);
}
