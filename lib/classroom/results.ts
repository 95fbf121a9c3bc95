// What an instructor sees after students take a quiz: the gradebook (students × quizzes),
// attempts, per-slot item statistics, the CSV export and regrades.
import 'server-only';
import {
  listClassAttempts,
  listMembers,
  listQuizAttempts,
  listQuizzesOfClass,
  listSubmittedAttemptsWithAnswers,
  regradeAttempt,
  writeAuditEntry,
  type AttemptDto,
  type MemberDto,
  type QuizDto,
  type UserDto,
} from '@/lib/db';
import { quizGrade, slotStatistics, toCsv, type SlotStatistics } from '@/lib/quiz';
import type { Locale } from '@/lib/questions';
import { instructorAttempt, managedClass, managedQuiz } from './access';
import { finalizeIfExpired, reviewOf, type AttemptReview } from './attempts';
import { graderFor, parseLayout, pointsOf } from './questions';

export type GradebookCell = {
  /** The grade by the quiz's method, 0..1; null without a submitted attempt. */
  grade: number | null;
  attempts: number;
  inProgress: boolean;
};

export type Gradebook = {
  quizzes: Pick<QuizDto, 'id' | 'title' | 'gradingMethod' | 'status'>[];
  students: MemberDto[];
  /** cells[student][quiz], in the order of `students` and `quizzes`. */
  cells: GradebookCell[][];
};

/** Attempts whose time ran out are submitted first, so the gradebook shows final grades. */
async function settle(
  attempts: AttemptDto[],
  quizzes: Map<string, QuizDto>,
  now: Date,
): Promise<AttemptDto[]> {
  return Promise.all(attempts.map((a) => finalizeIfExpired(a, quizzes.get(a.quizId)!, now)));
}

export async function gradebook(
  user: UserDto | null,
  classId: string,
  now: Date,
): Promise<Gradebook> {
  await managedClass(user, classId);
  const [quizzes, students, raw] = await Promise.all([
    listQuizzesOfClass(classId),
    listMembers(classId),
    listClassAttempts(classId),
  ]);
  const byId = new Map(quizzes.map((q) => [q.id, q]));
  const attempts = await settle(raw, byId, now);
  const cells = students.map((s) =>
    quizzes.map((q) => {
      const mine = attempts.filter((a) => a.userId === s.userId && a.quizId === q.id);
      const submitted = mine.filter((a) => a.status === 'submitted' && a.score !== null);
      return {
        grade: quizGrade(
          submitted.map((a) => ({ number: a.number, score: a.score!, max: a.maxScore })),
          q.gradingMethod,
        ),
        attempts: mine.length,
        inProgress: mine.some((a) => a.status === 'in_progress'),
      };
    }),
  );
  return {
    quizzes: quizzes.map(({ id, title, gradingMethod, status }) => ({
      id,
      title,
      gradingMethod,
      status,
    })),
    students,
    cells,
  };
}

/** Grades as CSV: one row per student, one column per quiz, in percent. */
export async function gradebookCsv(
  user: UserDto | null,
  classId: string,
  now: Date,
): Promise<string> {
  const book = await gradebook(user, classId, now);
  const header = ['name', 'email', ...book.quizzes.map((q) => q.title)];
  const rows = book.students.map((s, i) => [
    s.name ?? '',
    s.email,
    ...book.cells[i]!.map((c) => (c.grade === null ? null : Math.round(c.grade * 10_000) / 100)),
  ]);
  return toCsv([header, ...rows]);
}

export type QuizResults = {
  quiz: QuizDto;
  attempts: (AttemptDto & { student: MemberDto | null })[];
  statistics: SlotStatistics[];
};

export async function quizResults(
  user: UserDto | null,
  quizId: string,
  now: Date,
): Promise<QuizResults> {
  const quiz = await managedQuiz(user, quizId);
  const [members, raw] = await Promise.all([listMembers(quiz.classId), listQuizAttempts(quizId)]);
  await settle(raw, new Map([[quiz.id, quiz]]), now);
  const submitted = await listSubmittedAttemptsWithAnswers(quizId);
  const statistics = slotStatistics(
    submitted.map((a) => {
      const layout = parseLayout(a.layout);
      const points = pointsOf(layout, quiz);
      const answers = new Map(a.answers.map((x) => [x.position, x]));
      return {
        items: layout.map((item, position) => {
          const answer = answers.get(position);
          return {
            slot: item.slot,
            fraction: answer?.fraction ?? 0,
            points: points[position]!,
            misconception: answer?.misconception ?? null,
            answered: answer !== undefined && answer.response !== null,
          };
        }),
      };
    }),
  );
  const all = await listQuizAttempts(quizId);
  const byUser = new Map(members.map((m) => [m.userId, m]));
  return {
    quiz,
    attempts: all.map((a) => ({ ...a, student: byUser.get(a.userId) ?? null })),
    statistics,
  };
}

/** Regrades every submitted attempt with the quiz's current points; audit-logged. */
export async function regradeQuiz(
  user: UserDto | null,
  quizId: string,
): Promise<{ attempts: number; changed: number }> {
  const quiz = await managedQuiz(user, quizId);
  const submitted = await listSubmittedAttemptsWithAnswers(quizId);
  let changed = 0;
  for (const attempt of submitted) {
    const layout = parseLayout(attempt.layout);
    const { before, after } = await regradeAttempt({
      attemptId: attempt.id,
      grade: graderFor(layout),
      points: pointsOf(layout, quiz),
    });
    if (before !== after) changed++;
  }
  await writeAuditEntry({
    actorId: user!.id,
    action: 'quiz.regrade',
    targetType: 'quiz',
    targetId: quizId,
    detail: { attempts: submitted.length, changed },
  });
  return { attempts: submitted.length, changed };
}

/** Any attempt of the instructor's quiz, with everything shown. */
export async function reviewForInstructor(
  user: UserDto | null,
  attemptId: string,
  locale: Locale,
): Promise<AttemptReview> {
  const { attempt, quiz } = await instructorAttempt(user, attemptId);
  return reviewOf(attempt, quiz, { responses: true, answers: true, explanations: true }, locale);
}
