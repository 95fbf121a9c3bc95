// The words for a quiz's settings (window, time limit, attempts) and a student's state in
// it, shared by the list and the quiz page.
import type { QuizDto } from '@/lib/db';
import type { StartDecision } from '@/lib/quiz';

export type QuizState =
  'in_progress' | 'open' | 'not_open' | 'closed' | 'no_attempts_left' | 'draft';

export function stateOf(decision: StartDecision): QuizState {
  if (decision.action === 'resume') return 'in_progress';
  if (decision.action === 'start') return 'open';
  return decision.reason;
}

export type SettingsSummary = {
  opensAt: Date | null;
  closesAt: Date | null;
  /** Minutes, rounded up; null when untimed. */
  timeLimitMin: number | null;
  attemptsAllowed: number;
};

export function summaryOf(quiz: QuizDto): SettingsSummary {
  return {
    opensAt: quiz.opensAt,
    closesAt: quiz.closesAt,
    timeLimitMin: quiz.timeLimitSec === null ? null : Math.ceil(quiz.timeLimitSec / 60),
    attemptsAllowed: quiz.attemptsAllowed,
  };
}
