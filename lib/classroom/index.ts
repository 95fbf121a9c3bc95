// The classroom service: classes, quizzes and attempts with their authorization rules, over
// lib/db (storage) and lib/quiz (the pure rules). Pages, actions and route handlers call
// only this; every function takes the current user and checks what they may do.
export { ClassroomError, statusOf, type ClassroomErrorCode } from './errors';
export {
  archiveOwnClass,
  classNameSchema,
  createOwnClass,
  joinWithCode,
  ownClasses,
  studentClasses,
  removeFromRoster,
  renameOwnClass,
  rotateJoinCode,
  roster,
} from './classes';
export {
  createOwnQuiz,
  deleteOwnQuiz,
  previewQuiz,
  quizzesOfClass,
  setOwnQuizStatus,
  updateOwnQuiz,
  type PreviewQuestion,
} from './quizzes';
export {
  attemptForStudent,
  attemptStatusForStudent,
  finalizeIfExpired,
  quizForStudent,
  reviewOf,
  reviewOwnAttempt,
  saveResponse,
  startOrResume,
  submitOwnAttempt,
  type AttemptQuestion,
  type AttemptReview,
  type AttemptView,
  type QuizStatusForStudent,
  type ReviewedQuestion,
} from './attempts';
export {
  gradebook,
  gradebookCsv,
  quizResults,
  regradeQuiz,
  reviewForInstructor,
  type Gradebook,
  type GradebookCell,
  type QuizResults,
} from './results';
export { instructorAttempt, managedClass, managedQuiz } from './access';
export { generates, parseLayout, questionFor } from './questions';
export { planVariant, variantSeed } from './variants';
