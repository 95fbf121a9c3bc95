// The public API of lib/srs: a pure, deterministic wrapper over ts-fsrs (scheduling, undo,
// due/new counts), the mappers to and from the database row shape, statistics and Anki export.
export {
  CARD_STATES,
  cardStateSchema,
  ratingSchema,
  newCard,
  type CardState,
  type Rating,
  type SrsCard,
} from './card';
export {
  schedule,
  undo,
  SrsError,
  DEFAULT_DESIRED_RETENTION,
  MIN_DESIRED_RETENTION,
  MAX_DESIRED_RETENTION,
  MAX_RETENTION_SETTING,
  desiredRetentionSchema,
  type ScheduleOptions,
  type ScheduleResult,
  type SrsReviewLog,
} from './schedule';
export {
  dayStart,
  queueCounts,
  nextCardId,
  DEFAULT_NEW_PER_DAY,
  type QueueCounts,
  type QueueEntry,
  type QueueLimits,
} from './queue';
export {
  cardToRow,
  cardFromRow,
  reviewToRow,
  reviewFromRow,
  SrsRowError,
  type SrsCardRow,
  type SrsReviewRow,
} from './row';
export { studyDay, reviewsPerDay, trueRetention, dueForecast } from './stats';
export { toAnkiText, type AnkiNote } from './anki';
