// The quiz API's handlers, for app/api's route files (the production server loads ./node.ts).
export {
  loadAttempt,
  saveAnswer,
  startAttempt,
  submitAttempt,
  type QuizApiHandler,
} from './handlers';
export { matchQuizApi, type QuizApiRoute } from './routes';
