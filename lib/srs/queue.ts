// Due and new counts for a review session, with a daily limit on cards seen for the first
// time, and the order cards are shown in.
import type { SrsCard } from './card';

export interface QueueLimits {
  /** Most cards introduced per day (Anki's default is 20). */
  newPerDay: number;
  /** Cards already introduced since the day began (first reviews logged today). */
  introducedToday: number;
}

export interface QueueCounts {
  /** Cards seen before and due now (learning, review, relearning). */
  due: number;
  /** New cards that may still be introduced today. */
  new: number;
}

export const DEFAULT_NEW_PER_DAY = 20;

/** Card state keyed by card id; a card without a state is new. */
export interface QueueEntry {
  id: string;
  card: SrsCard | null;
}

const HOUR_MS = 3_600_000;

/**
 * The start of the learner's study day containing `now`. Like Anki, a day rolls over at
 * 04:00 local time, so a late-night session counts towards the day it began in.
 *
 * @param utcOffsetMinutes the learner's offset from UTC (UTC+8 → 480)
 */
export function dayStart(now: Date, utcOffsetMinutes: number, rolloverHour = 4): Date {
  const shift = utcOffsetMinutes * 60_000 - rolloverHour * HOUR_MS;
  const local = now.getTime() + shift;
  const midnight = local - (((local % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS));
  return new Date(midnight - shift);
}

function isNew(entry: QueueEntry): boolean {
  return entry.card === null || entry.card.state === 'new';
}

function isDue(entry: QueueEntry, now: Date): boolean {
  return entry.card !== null && !isNew(entry) && entry.card.due.getTime() <= now.getTime();
}

function newAllowance(limits: QueueLimits): number {
  return Math.max(0, limits.newPerDay - limits.introducedToday);
}

export function queueCounts(
  entries: readonly QueueEntry[],
  now: Date,
  limits: QueueLimits,
): QueueCounts {
  const due = entries.filter((e) => isDue(e, now)).length;
  const unseen = entries.filter(isNew).length;
  return { due, new: Math.min(unseen, newAllowance(limits)) };
}

/**
 * The id of the card to show next: the most overdue seen card first, then new cards in the
 * given order while today's allowance lasts; null when nothing is left for now.
 */
export function nextCardId(
  entries: readonly QueueEntry[],
  now: Date,
  limits: QueueLimits,
): string | null {
  let best: QueueEntry | null = null;
  for (const e of entries) {
    if (!isDue(e, now) || e.card === null) continue;
    if (best?.card == null || e.card.due.getTime() < best.card.due.getTime()) best = e;
  }
  if (best) return best.id;
  if (newAllowance(limits) === 0) return null;
  return entries.find(isNew)?.id ?? null;
}
