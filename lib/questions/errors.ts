// Errors of lib/questions: thrown for programmer errors (an unknown template id, a difficulty
// out of range) and for a request no candidate seed can serve (no question on a topic); a
// learner's malformed response is a value, not an exception.

export type QuestionErrorCode =
  'UNKNOWN_TEMPLATE' | 'BAD_DIFFICULTY' | 'BAD_LOCALE' | 'BAD_SEED' | 'NO_QUESTION_FOR_TOPIC';

export class QuestionError extends Error {
  override readonly name = 'QuestionError';
  constructor(
    readonly code: QuestionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
