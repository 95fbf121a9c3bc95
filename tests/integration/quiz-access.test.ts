// Who may take, see and manage what, against each real database: the open and close window,
// drafts, class membership, instructors limited to their own classes, admins managing any.
import { describe, expect } from 'vitest';
import {
  attemptForStudent,
  attemptStatusForStudent,
  createOwnClass,
  createOwnQuiz,
  deleteOwnQuiz,
  gradebook,
  gradebookCsv,
  instructorAttempt,
  joinWithCode,
  previewQuiz,
  quizForStudent,
  quizResults,
  quizzesOfClass,
  regradeQuiz,
  removeFromRoster,
  reviewOwnAttempt,
  roster,
  rotateJoinCode,
  saveResponse,
  setOwnQuizStatus,
  startOrResume,
  studentClasses,
  submitOwnAttempt,
  updateOwnQuiz,
  archiveOwnClass,
} from '@/lib/classroom';
import { findAttempt, findClass, type UserDto } from '@/lib/db';
import { RATE_LIMIT_POLICIES } from '@/lib/security';
import { TOPICS, listTemplates } from '@/lib/questions';
import type { SlotSpec } from '@/lib/quiz';
import { availableProviders } from '../helpers/databases';
import {
  T0,
  baseSettings,
  choiceSlots,
  course,
  keyOf,
  correctResponse,
  makeUser,
  minutes,
  rejectsWith,
  useDatabase,
  type Course,
} from '../helpers/classroom';

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  const it = useDatabase(provider, available);

  describe('the open and close window', () => {
    const window = { opensAt: minutes(0), closesAt: minutes(60) };

    it('before opensAt a start is refused as not_open', async () => {
      const c = await course({ settings: window });
      const s = c.students[0]!;
      await rejectsWith(startOrResume(s, c.quizId, minutes(-1)), 'refused', 'not_open');
      expect((await quizForStudent(s, c.quizId, minutes(-1))).decision).toEqual({
        action: 'refuse',
        reason: 'not_open',
      });
    });

    it('from opensAt until closesAt a start succeeds', async () => {
      const c = await course({ settings: window });
      const id = await startOrResume(c.students[0]!, c.quizId, minutes(0));
      expect(id).toEqual(expect.any(String));
    });

    it('at and after closesAt a start is refused as closed', async () => {
      const c = await course({ settings: window, students: 2 });
      await rejectsWith(startOrResume(c.students[0]!, c.quizId, minutes(60)), 'refused', 'closed');
      await rejectsWith(startOrResume(c.students[1]!, c.quizId, minutes(600)), 'refused', 'closed');
    });

    it('an attempt started before closing ends at the close time', async () => {
      const c = await course({ settings: { ...window, timeLimitSec: 3600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, minutes(30));
      const view = await attemptForStudent(s, id, 'en', minutes(30));
      expect(view.secondsLeft).toBe(30 * 60);
      // Past the close (and its grace), a save is refused and the attempt is submitted.
      const { questions } = await keyOf(id);
      await rejectsWith(
        saveResponse(
          s,
          { attemptId: id, position: 0, response: correctResponse(questions[0]!), clientRev: 1 },
          minutes(61),
        ),
        'closed',
      );
      expect((await attemptForStudent(s, id, 'en', minutes(61))).status).toBe('submitted');
    });
  });

  describe('who may take a quiz', () => {
    it('a draft quiz is not takeable: it does not exist for students', async () => {
      const c = await course({ publish: false });
      await rejectsWith(startOrResume(c.students[0]!, c.quizId, T0), 'not_found');
      await rejectsWith(quizForStudent(c.students[0]!, c.quizId, T0), 'not_found');
    });

    it('an unpublished quiz stops being takeable', async () => {
      const c = await course();
      await setOwnQuizStatus(c.instructor, c.quizId, 'draft');
      await rejectsWith(startOrResume(c.students[0]!, c.quizId, T0), 'not_found');
    });

    it('a student who is not on the roster gets not_found', async () => {
      const c = await course();
      const outsider = await makeUser('student');
      await rejectsWith(startOrResume(outsider, c.quizId, T0), 'not_found');
      await rejectsWith(quizForStudent(outsider, c.quizId, T0), 'not_found');
    });

    it('a student removed from the roster can no longer start the quiz', async () => {
      const c = await course();
      const s = c.students[0]!;
      await removeFromRoster(c.instructor, c.classId, s.id);
      await rejectsWith(startOrResume(s, c.quizId, T0), 'not_found');
    });

    it('a quiz of an archived class is not takeable, as it is no longer listed', async () => {
      const c = await course({ students: 2 });
      const [a, b] = c.students;
      const id = await startOrResume(a!, c.quizId, T0);
      await submitOwnAttempt(a!, id, T0);
      await archiveOwnClass(c.instructor, c.classId, true);
      expect((await studentClasses(b!)).quizzes).toEqual([]);
      await rejectsWith(startOrResume(b!, c.quizId, T0), 'not_found');
      // Finished attempts stay reviewable.
      expect((await reviewOwnAttempt(a!, id, 'en', T0)).attempt.id).toBe(id);
      await archiveOwnClass(c.instructor, c.classId, false);
      expect(await startOrResume(b!, c.quizId, T0)).toEqual(expect.any(String));
    });

    it('nobody signed in: unauthenticated', async () => {
      const c = await course();
      await rejectsWith(startOrResume(null, c.quizId, T0), 'unauthenticated');
      await rejectsWith(gradebook(null, c.classId, T0), 'unauthenticated');
    });

    it('an unknown quiz id is not_found', async () => {
      const c = await course();
      await rejectsWith(startOrResume(c.students[0]!, 'no-such-quiz', T0), 'not_found');
    });
  });

  // Issue 19, finding 8: what a student keeps when they are removed from the class, the quiz
  // goes back to draft or the class is archived, on every student path of the service (the
  // pages, the server actions and the quiz API's handlers all call these).
  describe('a removed student, a quiz back in draft, an archived class', () => {
    type Change = 'removed' | 'draft' | 'archived';
    const change: Record<Change, (c: Course, s: UserDto) => Promise<unknown>> = {
      removed: (c, s) => removeFromRoster(c.instructor, c.classId, s.id),
      draft: (c) => setOwnQuizStatus(c.instructor, c.quizId, 'draft'),
      archived: (c) => archiveOwnClass(c.instructor, c.classId, true),
    };
    const undo: Record<Change, (c: Course, s: UserDto) => Promise<unknown>> = {
      removed: async (c, s) => joinWithCode(s, (await findClass(c.classId))!.joinCode),
      draft: (c) => setOwnQuizStatus(c.instructor, c.quizId, 'published'),
      archived: (c) => archiveOwnClass(c.instructor, c.classId, false),
    };

    /** A student with an attempt in progress (first answer saved) and a submitted one. */
    async function withAttempts() {
      const c = await course({ settings: { attemptsAllowed: 0 } });
      const s = c.students[0]!;
      const done = await startOrResume(s, c.quizId, T0);
      await submitOwnAttempt(s, done, minutes(1));
      const open = await startOrResume(s, c.quizId, minutes(2));
      const { questions } = await keyOf(open);
      const answer = correctResponse(questions[0]!);
      await saveResponse(s, { attemptId: open, position: 0, response: answer, clientRev: 1 }, T0);
      return { c, s, done, open, answer };
    }

    it.each<Change>(['removed', 'draft', 'archived'])(
      '%s: the attempt in progress can no longer be loaded, saved or submitted',
      async (what) => {
        const { c, s, open, answer } = await withAttempts();
        await change[what](c, s);
        const save = { attemptId: open, position: 1, response: answer, clientRev: 2 };
        const at = minutes(3);
        await rejectsWith(attemptForStudent(s, open, 'en', at), 'not_found');
        await rejectsWith(attemptStatusForStudent(s, open, at), 'not_found');
        await rejectsWith(saveResponse(s, save, at), 'not_found');
        await rejectsWith(submitOwnAttempt(s, open, at), 'not_found');
        await rejectsWith(quizForStudent(s, c.quizId, at), 'not_found');
        await rejectsWith(startOrResume(s, c.quizId, at), 'not_found');
        // Nothing was written: the attempt is open with the one answer saved before.
        const stored = (await findAttempt(open))!;
        expect(stored.status).toBe('in_progress');
        expect(stored.answers.map((a) => [a.position, a.clientRev])).toEqual([[0, 1]]);
        // Undone, the student resumes it where they were.
        await undo[what](c, s);
        expect(await startOrResume(s, c.quizId, at)).toBe(open);
        const view = await attemptForStudent(s, open, 'en', at);
        expect(view.questions[0]!.response).toEqual(answer);
        expect((await saveResponse(s, save, at)).status).toBe('saved');
      },
    );

    it.each<[Change, 'not_found' | 'reviewable']>([
      ['removed', 'not_found'],
      ['draft', 'not_found'],
      // An archived class is read-only: its students still see their results.
      ['archived', 'reviewable'],
    ])('%s: a submitted attempt is %s', async (what, expected) => {
      const { c, s, done } = await withAttempts();
      await change[what](c, s);
      if (expected === 'not_found') {
        await rejectsWith(reviewOwnAttempt(s, done, 'en', minutes(3)), 'not_found');
        await rejectsWith(attemptStatusForStudent(s, done, minutes(3)), 'not_found');
        await rejectsWith(attemptForStudent(s, done, 'en', minutes(3)), 'not_found');
        await rejectsWith(submitOwnAttempt(s, done, minutes(3)), 'not_found');
      } else {
        const review = await reviewOwnAttempt(s, done, 'en', minutes(3));
        expect(review.attempt.status).toBe('submitted');
        expect(review.questions.length).toBeGreaterThan(0);
        expect((await attemptStatusForStudent(s, done, minutes(3))).status).toBe('submitted');
      }
    });

    it('a removed student’s timed attempt is graded from its saves when its time runs out', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      await saveResponse(
        s,
        { attemptId: id, position: 0, response: correctResponse(questions[0]!), clientRev: 1 },
        minutes(1),
      );
      await removeFromRoster(c.instructor, c.classId, s.id);
      const late = { attemptId: id, position: 1, response: correctResponse(questions[1]!) };
      await rejectsWith(saveResponse(s, { ...late, clientRev: 2 }, minutes(2)), 'not_found');
      // The instructor's results finalize it at its deadline, with the one saved answer.
      await quizResults(c.instructor, c.quizId, minutes(11));
      const graded = (await findAttempt(id))!;
      expect(graded.status).toBe('submitted');
      expect(graded.submitKind).toBe('auto');
      expect(graded.score).toBe(choiceSlots[0]!.points);
      await rejectsWith(reviewOwnAttempt(s, id, 'en', minutes(12)), 'not_found');
      // The instructor still sees it.
      expect((await instructorAttempt(c.instructor, id)).attempt.id).toBe(id);
    });
  });

  describe('attempts are their student’s own', () => {
    it('another student gets not_found for every attempt operation', async () => {
      const c = await course({ students: 2 });
      const owner = c.students[0]!;
      const other = c.students[1]!;
      const id = await startOrResume(owner, c.quizId, T0);
      const save = { attemptId: id, position: 0, response: { option: 'a' }, clientRev: 1 };
      await rejectsWith(attemptForStudent(other, id, 'en', T0), 'not_found');
      await rejectsWith(saveResponse(other, save, T0), 'not_found');
      await rejectsWith(submitOwnAttempt(other, id, T0), 'not_found');
      await rejectsWith(reviewOwnAttempt(other, id, 'en', T0), 'not_found');
      // …and nothing happened to the attempt.
      const view = await attemptForStudent(owner, id, 'en', T0);
      expect(view.status).toBe('in_progress');
      expect(view.questions.every((q) => q.response === null)).toBe(true);
    });

    it('a student cannot use the instructor’s views of their own attempt', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      await rejectsWith(instructorAttempt(s, id), 'forbidden');
      await rejectsWith(quizResults(s, c.quizId, T0), 'forbidden');
      await rejectsWith(gradebook(s, c.classId, T0), 'forbidden');
      await rejectsWith(previewQuiz(s, c.quizId, 'en'), 'forbidden');
    });
  });

  describe('instructors manage only their own classes; admins any', () => {
    it('another instructor gets not_found for the class, its quizzes and attempts', async () => {
      const c = await course();
      const id = await startOrResume(c.students[0]!, c.quizId, T0);
      const other = await makeUser('instructor');
      await rejectsWith(roster(other, c.classId), 'not_found');
      await rejectsWith(gradebook(other, c.classId, T0), 'not_found');
      await rejectsWith(gradebookCsv(other, c.classId, T0), 'not_found');
      await rejectsWith(quizzesOfClass(other, c.classId), 'not_found');
      await rejectsWith(rotateJoinCode(other, c.classId), 'not_found');
      await rejectsWith(archiveOwnClass(other, c.classId, true), 'not_found');
      await rejectsWith(removeFromRoster(other, c.classId, c.students[0]!.id), 'not_found');
      await rejectsWith(createOwnQuiz(other, c.classId, baseSettings, choiceSlots), 'not_found');
      await rejectsWith(quizResults(other, c.quizId, T0), 'not_found');
      await rejectsWith(previewQuiz(other, c.quizId, 'en'), 'not_found');
      await rejectsWith(regradeQuiz(other, c.quizId), 'not_found');
      await rejectsWith(setOwnQuizStatus(other, c.quizId, 'draft'), 'not_found');
      await rejectsWith(
        updateOwnQuiz(other, c.quizId, { ...baseSettings, title: 'Mine now' }, choiceSlots),
        'not_found',
      );
      await rejectsWith(deleteOwnQuiz(other, c.quizId), 'not_found');
      await rejectsWith(instructorAttempt(other, id), 'not_found');
      // Nothing changed: the roster is intact and the quiz still published and takeable.
      expect((await roster(c.instructor, c.classId)).members).toHaveLength(1);
      expect(await startOrResume(c.students[0]!, c.quizId, T0)).toBe(id);
    });

    it('the owner can read an attempt of their quiz', async () => {
      const c = await course();
      const id = await startOrResume(c.students[0]!, c.quizId, T0);
      const { attempt } = await instructorAttempt(c.instructor, id);
      expect(attempt.userId).toBe(c.students[0]!.id);
    });

    it('an admin manages any class and quiz', async () => {
      const c = await course();
      const admin = await makeUser('admin');
      const id = await startOrResume(c.students[0]!, c.quizId, T0);
      await submitOwnAttempt(c.students[0]!, id, T0);
      expect((await roster(admin, c.classId)).members.map((m) => m.userId)).toEqual([
        c.students[0]!.id,
      ]);
      expect((await gradebook(admin, c.classId, T0)).cells).toHaveLength(1);
      expect((await quizResults(admin, c.quizId, T0)).attempts).toHaveLength(1);
      expect((await instructorAttempt(admin, id)).attempt.id).toBe(id);
      const { quiz } = await updateOwnQuiz(
        admin,
        c.quizId,
        { ...baseSettings, title: 'Renamed by admin' },
        choiceSlots,
      );
      expect(quiz.title).toBe('Renamed by admin');
      expect(await regradeQuiz(admin, c.quizId)).toMatchObject({ attempts: 1 });
    });
  });

  describe('input the database cannot hold is refused as invalid', () => {
    it('a NUL character in a quiz title or description, or a class name', async () => {
      const c = await course();
      await rejectsWith(
        createOwnQuiz(c.instructor, c.classId, { ...baseSettings, title: 'a\u0000b' }, choiceSlots),
        'invalid',
      );
      await rejectsWith(
        updateOwnQuiz(
          c.instructor,
          c.quizId,
          { ...baseSettings, description: 'x\u0000' },
          choiceSlots,
        ),
        'invalid',
      );
      await rejectsWith(createOwnClass(c.instructor, 'TCP\u0000 101'), 'invalid');
      expect(await quizzesOfClass(c.instructor, c.classId)).toHaveLength(1);
    });
  });

  describe('a quiz every student can start', () => {
    const uncovered = TOPICS.find(
      (topic) => !listTemplates().some((t) => t.topics.includes(topic)),
    );
    (uncovered ? it : it.skip)(
      'a topic slot that no template covers is refused when saved, not when students start',
      async () => {
        const c = await course();
        const slot: SlotSpec = {
          kind: 'random',
          template: null,
          topic: uncovered!,
          difficulty: 1,
          count: 1,
          points: 1,
        };
        await rejectsWith(createOwnQuiz(c.instructor, c.classId, baseSettings, [slot]), 'invalid');
        await rejectsWith(
          updateOwnQuiz(c.instructor, c.quizId, baseSettings, [...choiceSlots, slot]),
          'invalid',
        );
        expect(await startOrResume(c.students[0]!, c.quizId, T0)).toEqual(expect.any(String));
      },
    );
  });

  describe('a student’s quiz list', () => {
    it('lists published quizzes of their classes, soonest closing first, open-ended last', async () => {
      const c = await course({ settings: { title: 'No close' } });
      const s = c.students[0]!;
      const soon = await createOwnQuiz(
        c.instructor,
        c.classId,
        { ...baseSettings, title: 'Closes soon', closesAt: minutes(60) },
        choiceSlots,
      );
      const later = await createOwnQuiz(
        c.instructor,
        c.classId,
        { ...baseSettings, title: 'Closes later', closesAt: minutes(600) },
        choiceSlots,
      );
      await createOwnQuiz(
        c.instructor,
        c.classId,
        { ...baseSettings, title: 'Draft' },
        choiceSlots,
      );
      await setOwnQuizStatus(c.instructor, later.id, 'published');
      await setOwnQuizStatus(c.instructor, soon.id, 'published');
      const { classes, quizzes } = await studentClasses(s);
      expect(classes.map((x) => x.id)).toEqual([c.classId]);
      expect(quizzes.map((q) => q.title)).toEqual(['Closes soon', 'Closes later', 'No close']);
    });
  });

  describe('joining a class', () => {
    it('a wrong code is not_found; the code is accepted in any case with dashes', async () => {
      const c = await course({ students: 0 });
      const cls = (await findClass(c.classId))!;
      const s = await makeUser('student');
      await rejectsWith(joinWithCode(s, 'ZZZZZZZZ'), 'not_found');
      await rejectsWith(joinWithCode(s, 42), 'not_found');
      const typed = `${cls.joinCode.slice(0, 4).toLowerCase()}-${cls.joinCode.slice(4)}`;
      expect((await joinWithCode(s, typed)).id).toBe(c.classId);
      // Joining twice is harmless.
      await joinWithCode(s, cls.joinCode);
      expect((await roster(c.instructor, c.classId)).members).toHaveLength(1);
    });

    it('an archived class cannot be joined; a rotated code replaces the old one', async () => {
      const c = await course({ students: 0 });
      const old = (await findClass(c.classId))!.joinCode;
      await rotateJoinCode(c.instructor, c.classId);
      const fresh = (await findClass(c.classId))!.joinCode;
      expect(fresh).not.toBe(old);
      const s = await makeUser('student');
      await rejectsWith(joinWithCode(s, old), 'not_found');
      await archiveOwnClass(c.instructor, c.classId, true);
      await rejectsWith(joinWithCode(s, fresh), 'not_found');
    });

    it('an account’s tries to join are limited, a wrong code counting like a right one', async () => {
      const c = await course({ students: 0 });
      const code = (await findClass(c.classId))!.joinCode;
      const s = await makeUser('student');
      const { limit } = RATE_LIMIT_POLICIES['join-account'];
      for (let i = 0; i < limit; i++) {
        await rejectsWith(joinWithCode(s, `WRONG${i}`, { address: '203.0.113.7' }), 'not_found');
      }
      // Even the right code is refused now, unlooked-up, with when to try again.
      const refused = joinWithCode(s, code, { address: '203.0.113.7' });
      await expect(refused).rejects.toMatchObject({
        code: 'rate_limited',
        retryAfterSec: expect.any(Number),
      });
      expect((await roster(c.instructor, c.classId)).members).toHaveLength(0);
      // Another account from the same address is not affected.
      const other = await makeUser('student');
      expect((await joinWithCode(other, code, { address: '203.0.113.7' })).id).toBe(c.classId);
    });

    it.each<[string, string | null]>([
      ['an address’s tries are limited across accounts', '198.51.100.23'],
      // No shared bucket for requests whose address is unknown: one guesser would otherwise
      // lock everyone out of joining. Each account's own limit still holds.
      ['tries from unknown addresses are not pooled', null],
    ])('%s', { timeout: 90_000 }, async (_name, address) => {
      const c = await course({ students: 0 });
      const code = (await findClass(c.classId))!.joinCode;
      const { limit } = RATE_LIMIT_POLICIES['join-ip'];
      // Many accounts guessing from one address: spread under each account's own limit.
      const perAccount = RATE_LIMIT_POLICIES['join-account'].limit;
      for (let n = 0; n < limit; n += perAccount) {
        const guesser = await makeUser('student');
        for (let i = n; i < Math.min(limit, n + perAccount); i++) {
          await rejectsWith(joinWithCode(guesser, `GUESS${i}`, { address }), 'not_found');
        }
      }
      const s = await makeUser('student');
      if (address === null) {
        expect((await joinWithCode(s, code, { address })).id).toBe(c.classId);
        return;
      }
      await rejectsWith(joinWithCode(s, code, { address }), 'rate_limited');
      // The same student from another address joins.
      expect((await joinWithCode(s, code, { address: '198.51.100.24' })).id).toBe(c.classId);
    });

    it('the instructor cannot join their own class', async () => {
      const c = await course({ students: 0 });
      const cls = (await findClass(c.classId))!;
      await rejectsWith(joinWithCode(c.instructor, cls.joinCode), 'refused');
    });
  });
});
