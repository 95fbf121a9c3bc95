// Errors of lib/questions: thrown for programmer errors (an unknown template id, a difficulty
// out of range) and for a request no seed can serve (no valid plan, no question on a topic);
// a learner's malformed response is a value, not an exception.

export type QuestionErrorCode =
  | 'UNKNOWN_TEMPLATE'
  | 'BAD_DIFFICULTY'
  | 'BAD_LOCALE'
  | 'BAD_SEED'
  // No plan of the template keeps its key under the facts its stem leaves unstated.
  | 'NO_VALID_QUESTION'
  // None of the candidate seeds gives a question on the topic asked for (questionAbout).
  | 'NO_QUESTION_FOR_TOPIC';

export class QuestionError extends Error {
  override readonly name = 'QuestionError';
  constructor(
    readonly code: QuestionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
