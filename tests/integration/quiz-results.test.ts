// What comes after taking a quiz, against each real database: grades by the quiz's grading
// method, the review policy, per-student variants, regrades after a points change, item
// statistics and the CSV export.
import { describe, expect } from 'vitest';
import {
  attemptForStudent,
  gradebook,
  gradebookCsv,
  planVariant,
  previewQuiz,
  quizResults,
  reviewForInstructor,
  reviewOwnAttempt,
  saveResponse,
  startOrResume,
  submitOwnAttempt,
  updateOwnQuiz,
} from '@/lib/classroom';
import { findAttempt, listAuditEntries, listAttempts, type UserDto } from '@/lib/db';
import { hashSeed } from '@/lib/engine';
import { variantMessages, type GradingMethod, type QuizSettings, type SlotSpec } from '@/lib/quiz';
import { availableProviders } from '../helpers/databases';
import {
  T0,
  baseSettings,
  choiceSlots,
  correctResponse,
  course,
  keyOf,
  makeUser,
  minutes,
  rejectsWith,
  useDatabase,
  wrongResponse,
} from '../helpers/classroom';
import { joinWithCode } from '@/lib/classroom';
import { findClass } from '@/lib/db';

type Mark = 'right' | 'wrong';

/** Starts (or resumes) an attempt, answers the given positions, and submits it. */
async function take(
  student: UserDto,
  quizId: string,
  marks: Partial<Record<number, Mark>>,
  at = T0,
  submit = true,
): Promise<string> {
  const id = await startOrResume(student, quizId, at);
  const { questions } = await keyOf(id);
  for (const [key, mark] of Object.entries(marks)) {
    const position = Number(key);
    const q = questions[position]!;
    const response = mark === 'right' ? correctResponse(q) : wrongResponse(q);
    const result = await saveResponse(
      student,
      { attemptId: id, position, response, clientRev: 1 },
      at,
    );
    expect(result.status).toBe('saved');
  }
  if (submit) await submitOwnAttempt(student, id, at);
  return id;
}

/** The gradebook cell of a student on the first quiz (rows follow the roster's order). */
function cellOf(book: Awaited<ReturnType<typeof gradebook>>, student: UserDto) {
  const row = book.students.findIndex((m) => m.userId === student.id);
  expect(row).toBeGreaterThanOrEqual(0);
  return book.cells[row]![0];
}

const ALL: Record<number, Mark> = { 0: 'right', 1: 'right', 2: 'right', 3: 'right' };

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  const it = useDatabase(provider, available);

  describe('grading methods through the gradebook', () => {
    // Attempts score 1/9, 9/9 and 2/9 (slots of 1, 2, 3 and 3 points).
    it.each<[GradingMethod, number]>([
      ['highest', 1],
      ['first', 0.111111],
      ['last', 0.222222],
      ['average', 0.444444],
    ])('%s of 1/9, 9/9, 2/9 is %d', async (method, expected) => {
      const c = await course({ students: 2, settings: { gradingMethod: method } });
      const s = c.students[0]!;
      await take(s, c.quizId, { 0: 'right', 1: 'wrong' });
      await take(s, c.quizId, ALL);
      await take(s, c.quizId, { 1: 'right' });
      expect((await listAttempts(c.quizId, s.id)).map((a) => [a.score, a.maxScore])).toEqual([
        [1, 9],
        [9, 9],
        [2, 9],
      ]);
      const book = await gradebook(c.instructor, c.classId, T0);
      expect(book.quizzes.map((q) => [q.id, q.gradingMethod])).toEqual([[c.quizId, method]]);
      expect(book.students.map((m) => m.userId).sort()).toEqual(c.students.map((u) => u.id).sort());
      expect(cellOf(book, s)).toEqual({ grade: expected, attempts: 3, inProgress: false });
      // A student without attempts has no grade.
      expect(cellOf(book, c.students[1]!)).toEqual({ grade: null, attempts: 0, inProgress: false });
    });

    it('an attempt in progress is not graded; the gradebook submits expired ones', async () => {
      const c = await course({ students: 2, settings: { timeLimitSec: 600 } });
      const [a, b] = c.students as [UserDto, UserDto];
      await take(a, c.quizId, { 0: 'right' }, T0, false);
      await take(b, c.quizId, { 2: 'right' }, minutes(5), false);
      const during = await gradebook(c.instructor, c.classId, minutes(8));
      expect([cellOf(during, a), cellOf(during, b)]).toEqual([
        { grade: null, attempts: 1, inProgress: true },
        { grade: null, attempts: 1, inProgress: true },
      ]);
      // At 12 minutes a's time (10:10) is up; b's (10:15) is not.
      const later = await gradebook(c.instructor, c.classId, minutes(12));
      expect([cellOf(later, a), cellOf(later, b)]).toEqual([
        { grade: 0.111111, attempts: 1, inProgress: false },
        { grade: null, attempts: 1, inProgress: true },
      ]);
    });

    it('the CSV export lists each student with the grade in percent, formulas defused', async () => {
      const c = await course({ students: 0, settings: { title: 'Quiz, part 1' } });
      const cls = (await findClass(c.classId))!;
      const ann = await makeUser('student', 'Ann');
      const evil = await makeUser('student', '=HYPERLINK("http://x")');
      await joinWithCode(ann, cls.joinCode);
      await joinWithCode(evil, cls.joinCode);
      await take(ann, c.quizId, { 0: 'right', 1: 'right' });
      const csv = await gradebookCsv(c.instructor, c.classId, T0);
      const lines = csv.split('\r\n');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(lines[0]).toBe('\uFEFFname,email,"Quiz, part 1"');
      // Rows follow the roster (joined at the same millisecond, in either order).
      expect(lines.slice(1, 3).sort()).toEqual(
        [`Ann,${ann.email},33.33`, `"'=HYPERLINK(""http://x"")",${evil.email},`].sort(),
      );
      expect(lines[3]).toBe('');
    });
  });

  describe('the review policy', () => {
    it('immediately, with answers and explanations: everything is shown', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right', 1: 'wrong' });
      const { questions } = await keyOf(id);
      const review = await reviewOwnAttempt(s, id, 'en', T0);
      expect(review.access).toEqual({ responses: true, answers: true, explanations: true });
      expect(review.questions).toHaveLength(4);
      expect(review.questions.map((q) => q.fraction)).toEqual([1, 0, 0, 0]);
      expect(review.questions.map((q) => q.answer)).toEqual(questions.map((q) => q.answer));
      expect(review.questions.map((q) => q.explanation)).toEqual(
        questions.map((q) => q.explanation),
      );
      expect(review.questions[1]!.response).toEqual(wrongResponse(questions[1]!));
      // The wrong answer's misconception is named, in words.
      expect(review.questions[1]!.misconception).toEqual(expect.any(String));
      expect(review.questions[0]!.misconception).toBeNull();
    });

    it.each<[string, Partial<QuizSettings>, boolean, boolean]>([
      [
        'without answers or explanations',
        { reviewAnswers: false, reviewExplanation: false },
        false,
        false,
      ],
      [
        'with answers, without explanations',
        { reviewAnswers: true, reviewExplanation: false },
        true,
        false,
      ],
      [
        'without answers, with explanations',
        { reviewAnswers: false, reviewExplanation: true },
        false,
        true,
      ],
    ])('immediately %s: hidden parts are null', async (_name, settings, answers, explanations) => {
      const c = await course({ settings });
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right', 1: 'wrong' });
      const review = await reviewOwnAttempt(s, id, 'en', T0);
      expect(review.access).toEqual({ responses: true, answers, explanations });
      expect(review.questions.map((q) => q.fraction)).toEqual([1, 0, 0, 0]);
      for (const q of review.questions) {
        expect(q.answer === null).toBe(!answers);
        expect(q.explanation === null).toBe(!explanations);
        if (!explanations) expect(q.misconception).toBeNull();
      }
      // The question shown never carries its key.
      expect(JSON.stringify(review.questions.map((q) => q.question))).not.toMatch(
        /"answer"|"explanation"|"misconceptions"/,
      );
    });

    it('after close: nothing before the close time, everything from it', async () => {
      const c = await course({ settings: { reviewWhen: 'after_close', closesAt: minutes(60) } });
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right' }, minutes(10));
      const before = await reviewOwnAttempt(s, id, 'en', minutes(59));
      expect(before.access).toEqual({ responses: false, answers: false, explanations: false });
      expect(before.questions).toEqual([]);
      // The score is always the student's to see.
      expect(before.attempt.score).toBe(1);
      const after = await reviewOwnAttempt(s, id, 'en', minutes(60));
      expect(after.access).toEqual({ responses: true, answers: true, explanations: true });
      expect(after.questions[0]!.answer).not.toBeNull();
    });

    it('after close with no close time: never shown', async () => {
      const c = await course({ settings: { reviewWhen: 'after_close', closesAt: null } });
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right' });
      expect((await reviewOwnAttempt(s, id, 'en', minutes(100_000))).questions).toEqual([]);
    });

    it('never: no responses, answers or explanations, even long after', async () => {
      const c = await course({ settings: { reviewWhen: 'never', closesAt: minutes(60) } });
      const s = c.students[0]!;
      const id = await take(s, c.quizId, ALL);
      const review = await reviewOwnAttempt(s, id, 'en', minutes(10_000));
      expect(review.access).toEqual({ responses: false, answers: false, explanations: false });
      expect(review.questions).toEqual([]);
      expect(review.attempt.score).toBe(9);
    });

    it('the instructor reviews any attempt of their quiz in full, whatever the policy', async () => {
      const c = await course({
        settings: { reviewWhen: 'never', reviewAnswers: false, reviewExplanation: false },
      });
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right', 1: 'wrong' });
      const { questions } = await keyOf(id);
      const review = await reviewForInstructor(c.instructor, id, 'en');
      expect(review.access).toEqual({ responses: true, answers: true, explanations: true });
      expect(review.questions.map((q) => q.answer)).toEqual(questions.map((q) => q.answer));
      expect(review.questions.map((q) => q.fraction)).toEqual([1, 0, 0, 0]);
      const other = await makeUser('instructor');
      await rejectsWith(reviewForInstructor(other, id, 'en'), 'not_found');
      await rejectsWith(reviewForInstructor(s, id, 'en'), 'forbidden');
    });

    it('an attempt in progress gets no review, whatever the policy', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right' }, T0, false);
      const review = await reviewOwnAttempt(s, id, 'en', T0);
      expect(review.access).toEqual({ responses: false, answers: false, explanations: false });
      expect(review.questions).toEqual([]);
    });

    it('reviewing after the deadline submits the expired attempt and reviews it graded', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right', 2: 'right' }, T0, false);
      const review = await reviewOwnAttempt(s, id, 'en', minutes(11));
      expect(review.attempt).toMatchObject({ status: 'submitted', submitKind: 'auto', score: 4 });
      expect(review.questions.map((q) => q.fraction)).toEqual([1, 0, 1, 0]);
    });

    it('the attempt a student takes shows no key, explanation or misconception map', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right' }, T0, false);
      const view = await attemptForStudent(s, id, 'en', T0);
      const { layout } = await keyOf(id);
      expect(view.questions).toHaveLength(4);
      for (const [position, q] of view.questions.entries()) {
        // Nor the seed, with which the open-source generator would rebuild the key.
        expect(Object.keys(q.question)).not.toContain('seed');
        expect(JSON.stringify(q.question)).not.toMatch(
          new RegExp(`"seed":${layout[position]!.seed}\\b`),
        );
        expect(Object.keys(q.question)).not.toContain('answer');
        expect(Object.keys(q.question)).not.toContain('explanation');
        expect(Object.keys(q.question)).not.toContain('misconceptions');
        expect(Object.keys(q.question)).not.toContain('source');
      }
    });
  });

  describe('variants', () => {
    it('two students get different seeds in random slots and the same fixed questions', async () => {
      const c = await course({ students: 2 });
      const [a, b] = c.students as [UserDto, UserDto];
      const la = (await keyOf(await startOrResume(a, c.quizId, T0))).layout;
      const lb = (await keyOf(await startOrResume(b, c.quizId, T0))).layout;
      // Positions 0 and 1 are the fixed slots; 2 and 3 the random slot of two.
      expect(la.slice(0, 2)).toEqual(lb.slice(0, 2));
      expect(la.slice(0, 2).map((i) => i.seed)).toEqual([1, 2]);
      expect(la[2]!.seed).not.toBe(lb[2]!.seed);
      expect(la[3]!.seed).not.toBe(lb[3]!.seed);
      expect(la[2]!.seed).not.toBe(la[3]!.seed);
    });

    it('a student re-reading their attempt gets the same layout and questions', async () => {
      const c = await course({ settings: { shuffle: true } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const stored = (await findAttempt(id))!.layout;
      const first = await attemptForStudent(s, id, 'en', T0);
      expect(await startOrResume(s, c.quizId, minutes(1))).toBe(id);
      const second = await attemptForStudent(s, id, 'en', minutes(1));
      expect(second.questions.map((q) => q.question)).toEqual(
        first.questions.map((q) => q.question),
      );
      expect((await findAttempt(id))!.layout).toBe(stored);
    });

    it('the layout is the one derived from (quiz, student, attempt), so it is reproducible', async () => {
      const c = await course({ settings: { shuffle: true } });
      const s = c.students[0]!;
      // Previewed before the student starts: what they will get.
      const before = await previewQuiz(c.instructor, c.quizId, 'en', s.id);
      const id = await startOrResume(s, c.quizId, T0);
      expect(before.map((p) => [p.slot, p.template, p.seed])).toEqual(
        (await keyOf(id)).layout.map((i) => [i.slot, i.template, i.seed]),
      );
      const { layout } = await keyOf(id);
      expect(layout).toEqual(
        planVariant({ quizId: c.quizId, userId: s.id, attempt: 1 }, choiceSlots, true),
      );
      // What the student sees (quiz id, their id, the attempt's number) and the generator's
      // old unkeyed hash of them do not give the random slot's seeds any more.
      const visible = { quizId: c.quizId, userId: s.id, attempt: 1 };
      for (const item of layout.filter((i) => choiceSlots[i.slot]!.kind === 'random')) {
        expect(item.seed).not.toBe(
          hashSeed(variantMessages.question(visible, item.slot, item.index)),
        );
      }
      // The instructor's preview as this student shows the same questions.
      const preview = await previewQuiz(c.instructor, c.quizId, 'en', s.id);
      expect(preview.map((p) => [p.slot, p.template, p.seed])).toEqual(
        layout.map((i) => [i.slot, i.template, i.seed]),
      );
    });

    it('an attempt keeps the questions it was started with when the server key changes', async () => {
      // As after the upgrade to keyed variants (older attempts were planned without a key),
      // or a rotated secret: stored layouts are read back, never re-planned.
      const c = await course({ settings: { shuffle: true } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { layout } = await keyOf(id);
      const view = await attemptForStudent(s, id, 'en', T0);
      const secret = process.env.NEXTAUTH_SECRET;
      process.env.NEXTAUTH_SECRET = 'a rotated secret for this one test';
      try {
        const replanned = planVariant(
          { quizId: c.quizId, userId: s.id, attempt: 1 },
          choiceSlots,
          true,
        );
        expect(replanned.map((i) => i.seed)).not.toEqual(layout.map((i) => i.seed));
        expect((await attemptForStudent(s, id, 'en', minutes(1))).questions).toEqual(
          view.questions,
        );
        const preview = await previewQuiz(c.instructor, c.quizId, 'en', s.id);
        expect(preview.map((p) => p.seed)).toEqual(layout.map((i) => i.seed));
        // Grading reads the stored layout too.
        const { questions } = await keyOf(id);
        for (const [position, q] of questions.entries()) {
          await saveResponse(
            s,
            { attemptId: id, position, response: correctResponse(q), clientRev: 1 },
            minutes(1),
          );
        }
        const done = await submitOwnAttempt(s, id, minutes(2));
        expect(done.score).toBe(done.maxScore);
      } finally {
        process.env.NEXTAUTH_SECRET = secret;
      }
    });

    it.each([0, 2 ** 31 - 1, 2 ** 31, 0xffff_ffff])(
      'a fixed slot keeps its seed %i (the whole 32-bit range that variants use)',
      async (seed) => {
        const slots: SlotSpec[] = [
          { kind: 'fixed', template: 'why', seed, difficulty: 1, points: 1 },
        ];
        const c = await course({ slots });
        const results = await quizResults(c.instructor, c.quizId, T0);
        expect(results.quiz.slots).toEqual(slots);
        const id = await startOrResume(c.students[0]!, c.quizId, T0);
        expect((await keyOf(id)).layout[0]!.seed).toBe(seed);
        const { quiz } = await updateOwnQuiz(c.instructor, c.quizId, baseSettings, slots);
        expect(quiz.slots).toEqual(slots);
      },
    );

    it('a second attempt gets new seeds in random slots', async () => {
      const c = await course();
      const s = c.students[0]!;
      const first = (await keyOf(await take(s, c.quizId, {}))).layout;
      const second = (await keyOf(await take(s, c.quizId, {}))).layout;
      expect(second.slice(0, 2)).toEqual(first.slice(0, 2));
      expect(second[2]!.seed).not.toBe(first[2]!.seed);
    });
  });

  describe('regrading', () => {
    const repointed = (points: number): SlotSpec[] =>
      choiceSlots.map((slot, i) => (i === 0 ? { ...slot, points } : slot));

    it('changing a slot’s points regrades submitted attempts and logs the regrade', async () => {
      const c = await course({ students: 2 });
      const [a, b] = c.students as [UserDto, UserDto];
      const ia = await take(a, c.quizId, ALL);
      const ib = await take(b, c.quizId, { 0: 'right', 1: 'wrong' });
      expect((await findAttempt(ib))!.score).toBe(1);
      const result = await updateOwnQuiz(c.instructor, c.quizId, baseSettings, repointed(5));
      expect(result.regraded).toBe(2);
      expect(result.quiz.slots[0]!.points).toBe(5);
      expect(await findAttempt(ia)).toMatchObject({ score: 13, maxScore: 13 });
      expect(await findAttempt(ib)).toMatchObject({ score: 5, maxScore: 13 });
      const log = await listAuditEntries(c.quizId);
      const regrade = log.filter((e) => e.action === 'quiz.regrade');
      expect(regrade).toHaveLength(1);
      expect(regrade[0]!.actorId).toBe(c.instructor.id);
      expect(JSON.parse(regrade[0]!.detail)).toEqual({ attempts: 2, changed: 2 });
      expect(log.map((e) => e.action)).toContain('quiz.update');
      // The gradebook follows.
      const book = await gradebook(c.instructor, c.classId, T0);
      expect([cellOf(book, a)!.grade, cellOf(book, b)!.grade]).toEqual([1, 0.384615]);
    });

    it('an attempt in progress during the change is graded with the new points', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await take(s, c.quizId, { 0: 'right' }, T0, false);
      await updateOwnQuiz(c.instructor, c.quizId, baseSettings, repointed(4));
      const done = await submitOwnAttempt(s, id, minutes(1));
      expect(done).toMatchObject({ score: 4, maxScore: 12 });
    });

    it('changing only settings does not regrade', async () => {
      const c = await course();
      await take(c.students[0]!, c.quizId, ALL);
      const result = await updateOwnQuiz(
        c.instructor,
        c.quizId,
        { ...baseSettings, title: 'Renamed' },
        choiceSlots,
      );
      expect(result.regraded).toBe(0);
      const log = await listAuditEntries(c.quizId);
      expect(log.map((e) => e.action)).not.toContain('quiz.regrade');
    });

    it.each<[string, SlotSpec[]]>([
      ['another fixed seed', choiceSlots.map((s, i) => (i === 0 ? { ...s, seed: 99 } : s))],
      ['an added slot', [...choiceSlots, choiceSlots[0]!]],
      ['a removed slot', choiceSlots.slice(0, 2)],
      ['reordered slots', [choiceSlots[1]!, choiceSlots[0]!, choiceSlots[2]!]],
      ['a different count', choiceSlots.map((s) => (s.kind === 'random' ? { ...s, count: 3 } : s))],
      [
        'another difficulty',
        choiceSlots.map((s, i) => (i === 1 ? { ...s, difficulty: 2 as const } : s)),
      ],
    ])('after attempts, %s is locked and nothing changes', async (_name, slots) => {
      const c = await course();
      const id = await take(c.students[0]!, c.quizId, ALL);
      await rejectsWith(updateOwnQuiz(c.instructor, c.quizId, baseSettings, slots), 'locked');
      const results = await quizResults(c.instructor, c.quizId, T0);
      expect(results.quiz.slots).toEqual(choiceSlots);
      expect((await findAttempt(id))!.score).toBe(9);
    });

    it('before any attempt the questions may change freely', async () => {
      const c = await course();
      const slots = choiceSlots.slice(0, 1);
      const { quiz } = await updateOwnQuiz(c.instructor, c.quizId, baseSettings, slots);
      expect(quiz.slots).toEqual(slots);
    });
  });

  describe('clearing an answer', () => {
    it('a null response clears the answer: it scores 0 and counts as unanswered', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      const save = (response: unknown, clientRev: number) =>
        saveResponse(s, { attemptId: id, position: 0, response, clientRev }, T0);
      expect((await save(correctResponse(questions[0]!), 1)).status).toBe('saved');
      expect((await save(null, 2)).status).toBe('saved');
      expect((await attemptForStudent(s, id, 'en', T0)).questions[0]!.response).toBeNull();
      expect((await submitOwnAttempt(s, id, T0)).score).toBe(0);
      const [slot0] = (await quizResults(c.instructor, c.quizId, T0)).statistics;
      expect(slot0).toMatchObject({ facility: 0, unanswered: 1, wrong: [] });
    });
  });

  describe('statistics', () => {
    it('facility per slot is the mean of the stored fractions; wrong answers by misconception', async () => {
      const c = await course({ students: 3 });
      const [a, b, d] = c.students as [UserDto, UserDto, UserDto];
      await take(a, c.quizId, ALL);
      const ib = await take(b, c.quizId, { 0: 'wrong', 1: 'right', 2: 'right', 3: 'right' });
      await take(d, c.quizId, { 0: 'right', 2: 'wrong' });
      // An attempt still in progress does not count.
      await take(await joined(c.classId), c.quizId, { 0: 'wrong' }, T0, false);

      const results = await quizResults(c.instructor, c.quizId, T0);
      expect(results.attempts).toHaveLength(4);
      const stats = results.statistics;
      expect(stats.map((s) => s.slot)).toEqual([0, 1, 2]);
      expect(stats.map((s) => s.attempts)).toEqual([3, 3, 3]);

      // Recompute facility from what is stored, per slot (slot 2 holds positions 2 and 3).
      const stored = await Promise.all(
        (await listAttempts(c.quizId, a.id))
          .concat(await listAttempts(c.quizId, b.id), await listAttempts(c.quizId, d.id))
          .map(async (x) => (await findAttempt(x.id))!),
      );
      const fraction = (att: (typeof stored)[number], position: number) =>
        att.answers.find((x) => x.position === position)?.fraction ?? 0;
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(stats[0]!.facility).toBeCloseTo(mean(stored.map((x) => fraction(x, 0))), 12);
      expect(stats[1]!.facility).toBeCloseTo(mean(stored.map((x) => fraction(x, 1))), 12);
      expect(stats[2]!.facility).toBeCloseTo(
        mean(stored.map((x) => (fraction(x, 2) + fraction(x, 3)) / 2)),
        12,
      );
      // a 1, 1, 1; b 0, 1, 1; d 1, unanswered, ½·(0 + unanswered).
      expect(stats[0]!.facility).toBeCloseTo(2 / 3, 12);
      expect(stats[1]!.facility).toBeCloseTo(2 / 3, 12);
      expect(stats[2]!.facility).toBeCloseTo(2 / 3, 12);

      // b's wrong answer on slot 0 names a misconception; d left slot 1 unanswered.
      const misconception = (await findAttempt(ib))!.answers[0]!.misconception;
      expect(misconception).not.toBeNull();
      expect(stats[0]!.wrong).toEqual([{ misconception, count: 1 }]);
      expect(stats[1]!.unanswered).toBe(1);
      expect(stats[1]!.wrong).toEqual([]);
    });
  });

  async function joined(classId: string): Promise<UserDto> {
    const s = await makeUser('student');
    await joinWithCode(s, (await findClass(classId))!.joinCode);
    return s;
  }
});
