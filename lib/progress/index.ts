// The public API of lib/progress (pure): what the /me page summarises from a learner's
// answers and reviews — activity per study day and the study streak.
export {
  activityPerDay,
  studyStreak,
  type ActivityInput,
  type DayActivity,
  type Streak,
} from './activity';
