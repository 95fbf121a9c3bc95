// The data access layer: the only module that talks to the database.
import 'server-only';

export { db, disconnectDb, databaseProvider, type Db } from './client';
export {
  resolveDatabaseConfig,
  DatabaseConfigError,
  DEFAULT_DATABASE_URL,
  type DatabaseConfig,
} from './config';
export { migrate, loadMigrations, MigrationError } from './migrate';
export {
  ROLES,
  LOCALES,
  roleSchema,
  normalizeEmail,
  createUser,
  findUserById,
  findUserByEmail,
  findCredentials,
  countUsers,
  listUsers,
  setUserLocale,
  getDesiredRetention,
  setDesiredRetention,
  setUserRole,
  listAuditEntries,
  DuplicateEmailError,
  type Role,
  type Locale,
  type UserDto,
  type AuditEntryDto,
} from './users';
export {
  recordPracticeAnswer,
  listTopicMastery,
  listRecentAnswers,
  countPracticeAnswers,
  listMistakenTemplates,
  MasteryConflictError,
  type PracticeAnswerDto,
  type TopicMasteryDto,
  type NewPracticeAnswer,
  type MasteryUpdate,
} from './practice';
export {
  listFlashcardStates,
  recordFlashcardReview,
  undoLastFlashcardReview,
  countCardsIntroducedSince,
  listFlashcardReviews,
  type FlashcardStateDto,
  type FlashcardReviewDto,
} from './flashcards';
