// The public API of lib/questions: generate, grade, list templates, strip answers for the
// browser, plus the Question schema and vocabularies. Everything else is internal.

export { QuestionError, type QuestionErrorCode } from './errors';
export {
  canonicalFlags,
  grade,
  keyAsResponse,
  parseNumber,
  toHalfWidth,
  type GradeResult,
  type ResponseError,
  type ResponseErrorCode,
} from './grade';
export {
  MISCONCEPTIONS,
  MISCONCEPTION_IDS,
  describeMisconception,
  type MisconceptionId,
} from './misconceptions';
export { numberingOf, type Numbering } from './numbering';
export {
  TOPIC_CANDIDATES,
  findQuestionAbout,
  questionAbout,
  seedAbout,
  templatesAbout,
  type TopicRequest,
} from './topic-seed';
export {
  toPublicQuestion,
  type PublicQuestion,
  type PublicTrace,
  type QuestionIdentity,
} from './public';
export {
  TEMPLATES,
  checkInvariance,
  generateQuestion,
  isTemplateId,
  listTemplates,
  type GenerateOptions,
  type TemplateSummary,
} from './registry';
export { runSource } from './build';
export {
  defaultVariations,
  otherProfile,
  type HiddenVariation,
  type InvarianceResult,
} from './validity';
export {
  questionSchema,
  responseSchema,
  type Answer,
  type Question,
  type QuestionResponse,
  type ShownTrace,
} from './schema';
export {
  DIFFICULTIES,
  KINDS,
  LOCALES,
  TEMPLATE_IDS,
  TOPICS,
  type Difficulty,
  type Kind,
  type Locale,
  type TemplateDef,
  type TemplateId,
  type Topic,
} from './types';
