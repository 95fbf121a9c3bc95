// The public API of lib/quiz: quiz settings, per-student variants, the attempt rules,
// grading, item statistics and CSV. Pure; the data layer and pages build on it.
export {
  GRADING_METHODS,
  LIMITS,
  NO_NUL,
  QUIZ_STATUSES,
  REVIEW_WHEN,
  maxScore,
  questionCount,
  quizSettingsSchema,
  slotListSchema,
  slotSpecSchema,
  type GradingMethod,
  type QuizSettings,
  type QuizStatus,
  type ReviewWhen,
  type SlotSpec,
} from './settings';
export {
  VariantError,
  candidateTemplates,
  firstCandidate,
  layoutSchema,
  planAttempt,
  slotTopic,
  variantMessages,
  type LayoutItem,
  type SeedChooser,
  type SeedOf,
  type VariantKey,
} from './variants';
export {
  SAVE_GRACE_MS,
  deadlineFor,
  decideStart,
  isExpired,
  reviewAccess,
  secondsLeft,
  type AttemptSummary,
  type QuizWindow,
  type ReviewAccess,
  type ReviewPolicy,
  type StartDecision,
} from './policy';
export { attemptScore, quizGrade, type GradedItem, type ScoredAttempt } from './grading';
export {
  correlation,
  slotStatistics,
  type SlotStatistics,
  type StatAttempt,
  type StatItem,
} from './statistics';
export { csvCell, toCsv } from './csv';
export { JOIN_CODE_LENGTH, joinCodeFrom, normalizeJoinCode } from './join-code';
export {
  toGift,
  toMoodleXml,
  toPaper,
  type ExportItem,
  type ExportSet,
  type Paper,
  type PaperKeyEntry,
  type PaperQuestion,
  type PaperStudent,
  type PaperStudentInput,
} from './export';
