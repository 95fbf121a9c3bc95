// The text of a misconception id the grader recorded; an unknown id (a template retired
// since) shows as itself rather than disappearing from the statistics.
import {
  MISCONCEPTION_IDS,
  describeMisconception,
  type Locale,
  type MisconceptionId,
} from '@/lib/questions';

function isMisconceptionId(id: string): id is MisconceptionId {
  return (MISCONCEPTION_IDS as readonly string[]).includes(id);
}

export function misconceptionText(id: string, locale: Locale): string {
  return isMisconceptionId(id) ? describeMisconception(id, locale) : id;
}
