// Errors of lib/questions: thrown only for programmer errors (an unknown template id, a
// difficulty out of range); a learner's malformed response is a value, not an exception.

export type QuestionErrorCode =
  | 'UNKNOWN_TEMPLATE'
  | 'BAD_DIFFICULTY'
  | 'BAD_LOCALE'
  | 'BAD_SEED'
  // No plan of the template keeps its key under the facts its stem leaves unstated.
  | 'NO_VALID_QUESTION';

export class QuestionError extends Error {
  override readonly name = 'QuestionError';
  constructor(
    readonly code: QuestionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
