// A signed-out visitor's practice progress, kept in this browser's localStorage and sent with
// each request in place of the database (validated on both ends).
import type { MasteryChange } from './actions';
import type { QuestionIdentity } from '@/lib/questions';
import { visitorProgressSchema, type VisitorProgress } from './schema';

const STORAGE_KEY = 'ackademy.practice.v1';
const HISTORY_LIMIT = 50;

function randomKey(): string {
  // getRandomValues works on plain http too, where crypto.randomUUID does not exist.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `v-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function loadVisitorProgress(): VisitorProgress {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed = visitorProgressSchema.safeParse(raw ? JSON.parse(raw) : null);
    if (parsed.success) return parsed.data;
  } catch {
    // Unreadable or blocked storage: start afresh rather than fail the page.
  }
  const fresh: VisitorProgress = { key: randomKey(), history: [], mastery: [], position: 0 };
  saveVisitorProgress(fresh);
  return fresh;
}

/** Forgets the visitor's progress once it has moved into an account. */
export function clearVisitorProgress(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Blocked storage holds nothing to clear.
  }
}

function saveVisitorProgress(progress: VisitorProgress): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Private mode or a full quota: the session still works, it just is not remembered.
  }
}

/** Adds one graded answer (its question, told after grading) and its mastery changes. */
export function recordVisitorAnswer(
  progress: VisitorProgress,
  question: Pick<QuestionIdentity, 'template' | 'seed'>,
  correct: boolean,
  changes: readonly MasteryChange[],
): VisitorProgress {
  const mastery = [...progress.mastery];
  for (const change of changes) {
    const topic = visitorProgressSchema.shape.mastery.element.shape.topic.safeParse(change.topic);
    if (!topic.success) continue;
    const i = mastery.findIndex((m) => m.topic === topic.data);
    const attempts = (i >= 0 ? (mastery[i]?.attempts ?? 0) : 0) + 1;
    const entry = { topic: topic.data, known: change.after, attempts };
    if (i >= 0) mastery[i] = entry;
    else mastery.push(entry);
  }
  const next: VisitorProgress = {
    key: progress.key,
    history: [
      ...progress.history,
      { template: question.template, seed: Number(question.seed), correct },
    ].slice(-HISTORY_LIMIT),
    mastery,
    position: progress.position + 1,
  };
  saveVisitorProgress(next);
  return next;
}
