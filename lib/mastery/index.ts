// The public API of lib/mastery (pure): per-topic Bayesian knowledge tracing and the policy
// that picks a practice session's next question.
export {
  BKT_DEFAULTS,
  MASTERED,
  guessFor,
  predictCorrect,
  updateMastery,
  type AnswerKind,
  type BktParams,
} from './bkt';
export {
  RETRY_GAP,
  REST_WINDOW,
  MasteryError,
  chooseNext,
  difficultyFor,
  type DifficultyChoice,
  type NextInput,
  type NextQuestion,
  type PastAnswer,
  type SeedAbout,
  type SeedWanted,
  type TemplateInfo,
  type TopicMastery,
} from './next';
export { hashSeed } from './seed';
