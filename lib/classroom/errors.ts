// The one error type of the classroom service: a code the pages and actions turn into a
// clear message or an HTTP status, never a 500.

export type ClassroomErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'locked'
  | 'refused'
  | 'closed'
  | 'response'
  | 'rate_limited';

export class ClassroomError extends Error {
  override name = 'ClassroomError';
  constructor(
    readonly code: ClassroomErrorCode,
    message: string = code,
    /** A machine-readable reason within the code (a refusal's: not_open, closed, …). */
    readonly reason: string | null = null,
    /** For rate_limited: seconds until another try is counted. */
    readonly retryAfterSec: number | null = null,
  ) {
    super(message);
  }
}

/** HTTP status for route handlers. */
export function statusOf(code: ClassroomErrorCode): number {
  switch (code) {
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'locked':
    case 'refused':
    case 'closed':
      return 409;
    case 'invalid':
    case 'response':
      return 400;
    case 'rate_limited':
      return 429;
  }
}
