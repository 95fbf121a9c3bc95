// The round table behind a graded congestion question's explanation. After grading the server
// tells the question's template, seed, locale and difficulty, and generation is
// deterministic, so the browser regenerates the question and re-runs its simulation instead
// of the server sending more. Loaded with import() only after grading.
import type { CongestionRound } from '@/lib/engine';
import { generateQuestion, runSource, type QuestionIdentity } from '@/lib/questions';
import { ROUND_TEMPLATES } from './round-templates';

/**
 * The last round the explanation talks about, from the question's focus: the asked round,
 * the round after the three duplicate ACKs for fast-retransmit, the round the target window
 * is reached for rounds-to-window. Rounds after it hold only fillers the stem never names.
 */
function lastRound(
  template: string,
  focus: Record<string, string | number | boolean>,
  rounds: readonly CongestionRound[],
): number {
  const mss = rounds[0]?.cwnd ?? 1;
  if (template === 'rounds-to-window') {
    const from = Number(focus.from);
    const target = Number(focus.target) * mss;
    const reached = rounds.find((r) => r.round >= from && r.cwnd >= target);
    return reached?.round ?? rounds.length;
  }
  const round = Number(focus.round);
  if (!Number.isInteger(round) || round < 1) return rounds.length;
  return template === 'fast-retransmit' ? round + 1 : round;
}

export interface ExplainedRounds {
  rounds: CongestionRound[];
  mss: number;
}

/** The rounds a graded question's explanation walks through, or null for other templates. */
export function explainedRounds(question: QuestionIdentity): ExplainedRounds | null {
  if (!ROUND_TEMPLATES.has(question.template)) return null;
  const full = generateQuestion(question.template, {
    seed: question.seed,
    locale: question.locale,
    difficulty: question.difficulty,
  });
  const trace = runSource(full.source);
  const rounds = trace?.rounds;
  if (trace === null || rounds === undefined || rounds.length === 0) return null;
  const upTo = lastRound(full.template, full.source.focus, rounds);
  const mss = trace.params['congestion.mss'];
  return {
    rounds: rounds.slice(0, upTo),
    mss: typeof mss === 'number' ? mss : (rounds[0]?.cwnd ?? 1),
  };
}
