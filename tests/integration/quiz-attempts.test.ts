// Taking a quiz against each real database: the attempt limit, resuming, the server's timer
// with its grace period and auto-submission, autosaves ordered by the client's revision, and
// submission exactly once even when two tabs race.
import { describe, expect } from 'vitest';
import {
  attemptForStudent,
  quizForStudent,
  updateOwnQuiz,
  saveResponse,
  startOrResume,
  submitOwnAttempt,
} from '@/lib/classroom';
import { findAttempt, listAttempts } from '@/lib/db';
import { disconnectDb } from '@/lib/db/client';
import { availableProviders } from '../helpers/databases';
import {
  T0,
  baseSettings,
  choiceSlots,
  correctResponse,
  course,
  keyOf,
  minutes,
  rejectsWith,
  seconds,
  useDatabase,
  wrongResponse,
} from '../helpers/classroom';

describe.each(availableProviders())('$provider', ({ provider, available }) => {
  const it = useDatabase(provider, available);

  describe('attempts allowed', () => {
    it('one attempt allowed: after submitting it, a second start is refused', async () => {
      const c = await course({ settings: { attemptsAllowed: 1 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      await submitOwnAttempt(s, id, minutes(1));
      await rejectsWith(startOrResume(s, c.quizId, minutes(2)), 'refused', 'no_attempts_left');
      expect(await listAttempts(c.quizId, s.id)).toHaveLength(1);
    });

    it('unlimited attempts (0): each submitted attempt is followed by the next number', async () => {
      const c = await course({ settings: { attemptsAllowed: 0 } });
      const s = c.students[0]!;
      for (let n = 1; n <= 4; n++) {
        const id = await startOrResume(s, c.quizId, minutes(n));
        await submitOwnAttempt(s, id, minutes(n));
      }
      expect((await listAttempts(c.quizId, s.id)).map((a) => a.number)).toEqual([1, 2, 3, 4]);
    });

    it('two attempts allowed: the third start is refused', async () => {
      const c = await course({ settings: { attemptsAllowed: 2 } });
      const s = c.students[0]!;
      for (let i = 0; i < 2; i++)
        await submitOwnAttempt(s, await startOrResume(s, c.quizId, T0), T0);
      await rejectsWith(startOrResume(s, c.quizId, T0), 'refused', 'no_attempts_left');
    });

    it('attempts are counted per student', async () => {
      const c = await course({ students: 2, settings: { attemptsAllowed: 1 } });
      const [a, b] = c.students;
      await submitOwnAttempt(a!, await startOrResume(a!, c.quizId, T0), T0);
      expect(await startOrResume(b!, c.quizId, T0)).toEqual(expect.any(String));
    });
  });

  describe('resuming', () => {
    it('a second start with an attempt open resumes the same attempt', async () => {
      const c = await course({ settings: { attemptsAllowed: 1 } });
      const s = c.students[0]!;
      const first = await startOrResume(s, c.quizId, T0);
      expect(await startOrResume(s, c.quizId, minutes(5))).toBe(first);
      expect(await listAttempts(c.quizId, s.id)).toHaveLength(1);
    });

    it('two starts at once (two tabs) create one attempt', async () => {
      const c = await course();
      const s = c.students[0]!;
      const ids = await Promise.all([
        startOrResume(s, c.quizId, T0),
        startOrResume(s, c.quizId, T0),
      ]);
      expect(ids[0]).toBe(ids[1]);
      expect(await listAttempts(c.quizId, s.id)).toHaveLength(1);
    });

    it('five starts at once still create one attempt', async () => {
      const c = await course();
      const s = c.students[0]!;
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => startOrResume(s, c.quizId, T0)));
      expect(new Set(ids).size).toBe(1);
      expect(await listAttempts(c.quizId, s.id)).toHaveLength(1);
    });

    it('saved answers and the timer survive a reconnect (a server restart)', async () => {
      const c = await course({ settings: { timeLimitSec: 1200 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      const response = correctResponse(questions[1]!);
      await saveResponse(s, { attemptId: id, position: 1, response, clientRev: 1 }, minutes(2));
      await disconnectDb();
      expect(await startOrResume(s, c.quizId, minutes(5))).toBe(id);
      const view = await attemptForStudent(s, id, 'en', minutes(5));
      expect(view.secondsLeft).toBe(15 * 60);
      expect(view.questions.map((q) => q.response)).toEqual([null, response, null, null]);
    });
  });

  describe('the server’s timer', () => {
    it('the deadline is the start plus the time limit', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const id = await startOrResume(c.students[0]!, c.quizId, T0);
      expect((await findAttempt(id))!.deadline).toEqual(minutes(10));
    });

    it('the deadline is cut short by the close time', async () => {
      const c = await course({ settings: { timeLimitSec: 3600, closesAt: minutes(30) } });
      const id = await startOrResume(c.students[0]!, c.quizId, minutes(25));
      expect((await findAttempt(id))!.deadline).toEqual(minutes(30));
    });

    it('a reload does not reset the timer', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      expect((await attemptForStudent(s, id, 'en', minutes(3))).secondsLeft).toBe(420);
      expect(await startOrResume(s, c.quizId, minutes(4))).toBe(id);
      expect((await attemptForStudent(s, id, 'en', minutes(4))).secondsLeft).toBe(360);
      expect((await findAttempt(id))!.deadline).toEqual(minutes(10));
    });

    it('saves are accepted until the deadline plus 5 s of grace', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      const save = (position: number, at: Date) =>
        saveResponse(
          s,
          {
            attemptId: id,
            position,
            response: correctResponse(questions[position]!),
            clientRev: 1,
          },
          at,
        );
      expect((await save(0, seconds(600))).status).toBe('saved');
      expect((await save(1, seconds(605))).status).toBe('saved');
      await rejectsWith(save(2, new Date(seconds(605).getTime() + 1)), 'closed');
    });

    it('a save after the grace period is refused and the earlier answers are submitted, graded, at the deadline', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      // Position 0 (1 point) right, position 1 (2 points) wrong, position 2 (3 points) right.
      const saves: [number, unknown][] = [
        [0, correctResponse(questions[0]!)],
        [1, wrongResponse(questions[1]!)],
        [2, correctResponse(questions[2]!)],
      ];
      for (const [position, response] of saves)
        await saveResponse(s, { attemptId: id, position, response, clientRev: 1 }, minutes(5));
      await rejectsWith(
        saveResponse(
          s,
          { attemptId: id, position: 3, response: correctResponse(questions[3]!), clientRev: 1 },
          seconds(606),
        ),
        'closed',
      );
      const attempt = (await findAttempt(id))!;
      expect(attempt).toMatchObject({
        status: 'submitted',
        submitKind: 'auto',
        submittedAt: minutes(10),
        score: 4,
        maxScore: 9,
      });
      // The late answer was not stored.
      expect(attempt.answers.map((a) => a.position)).toEqual([0, 1, 2]);
      expect(attempt.answers.map((a) => a.fraction)).toEqual([1, 0, 1]);
    });

    it('a reload after the deadline shows the attempt submitted, with no questions', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      await saveResponse(
        s,
        { attemptId: id, position: 0, response: correctResponse(questions[0]!), clientRev: 1 },
        minutes(1),
      );
      const view = await attemptForStudent(s, id, 'en', minutes(11));
      expect(view).toMatchObject({ status: 'submitted', secondsLeft: 0, questions: [] });
      expect(await findAttempt(id)).toMatchObject({
        submitKind: 'auto',
        submittedAt: minutes(10),
        score: 1,
      });
    });

    it('the quiz page after the deadline submits the expired attempt and counts it', async () => {
      const c = await course({ settings: { timeLimitSec: 600, attemptsAllowed: 1 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const status = await quizForStudent(s, c.quizId, minutes(30));
      expect(status.attempts.map((a) => [a.id, a.status, a.submitKind])).toEqual([
        [id, 'submitted', 'auto'],
      ]);
      expect(status.decision).toEqual({ action: 'refuse', reason: 'no_attempts_left' });
    });

    it('submitting after the deadline is an automatic submission at the deadline', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const attempt = await submitOwnAttempt(s, id, minutes(20));
      expect(attempt).toMatchObject({ submitKind: 'auto', submittedAt: minutes(10) });
    });
  });

  describe('changing the window while attempts are open', () => {
    it('closing an untimed quiz ends the attempts in progress at the close time', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      const response = correctResponse(questions[0]!);
      await saveResponse(s, { attemptId: id, position: 0, response, clientRev: 1 }, minutes(5));
      await updateOwnQuiz(
        c.instructor,
        c.quizId,
        { ...baseSettings, closesAt: minutes(30) },
        choiceSlots,
      );
      expect((await attemptForStudent(s, id, 'en', minutes(10))).secondsLeft).toBe(20 * 60);
      await rejectsWith(
        saveResponse(
          s,
          { attemptId: id, position: 1, response: correctResponse(questions[1]!), clientRev: 1 },
          minutes(40),
        ),
        'closed',
      );
      expect(await findAttempt(id)).toMatchObject({
        status: 'submitted',
        submitKind: 'auto',
        submittedAt: minutes(30),
        score: 1,
      });
      await rejectsWith(startOrResume(s, c.quizId, minutes(40)), 'refused', 'closed');
    });

    it('moving the close time later extends attempts that it cut short, up to their time limit', async () => {
      const settings = { ...baseSettings, timeLimitSec: 5400, closesAt: minutes(60) };
      const c = await course({ settings });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      expect((await findAttempt(id))!.deadline).toEqual(minutes(60));
      await updateOwnQuiz(
        c.instructor,
        c.quizId,
        { ...settings, closesAt: minutes(120) },
        choiceSlots,
      );
      expect((await findAttempt(id))!.deadline).toEqual(minutes(90));
      expect((await attemptForStudent(s, id, 'en', minutes(70))).status).toBe('in_progress');
    });

    it('submitted attempts keep their deadline when the window changes', async () => {
      const c = await course({ settings: { timeLimitSec: 600 } });
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      await submitOwnAttempt(s, id, minutes(1));
      await updateOwnQuiz(
        c.instructor,
        c.quizId,
        { ...baseSettings, timeLimitSec: 60 },
        choiceSlots,
      );
      expect(await findAttempt(id)).toMatchObject({
        deadline: minutes(10),
        submittedAt: minutes(1),
      });
    });
  });

  describe('autosaves', () => {
    it('a response of the wrong shape is refused as response and nothing is stored', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      for (const response of [{ option: 'zz' }, { value: 3 }, {}, 'a', { option: 'a', extra: 1 }]) {
        await rejectsWith(
          saveResponse(s, { attemptId: id, position: 0, response, clientRev: 1 }, T0),
          'response',
        );
      }
      expect((await findAttempt(id))!.answers).toEqual([]);
    });

    it('a position outside the attempt is invalid', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      for (const position of [-1, 4, 1.5])
        await rejectsWith(
          saveResponse(s, { attemptId: id, position, response: { option: 'a' }, clientRev: 1 }, T0),
          'invalid',
        );
    });

    it('an older revision arriving after a newer one is superseded; the newer stays', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const save = (option: string, clientRev: number) =>
        saveResponse(s, { attemptId: id, position: 0, response: { option }, clientRev }, T0);
      expect((await save('b', 2)).status).toBe('saved');
      expect((await save('a', 1)).status).toBe('superseded');
      expect((await save('c', 2)).status).toBe('superseded');
      const [answer] = (await findAttempt(id))!.answers;
      expect(answer).toMatchObject({ position: 0, response: { option: 'b' }, clientRev: 2 });
      expect((await save('d', 3)).status).toBe('saved');
      expect((await findAttempt(id))!.answers[0]).toMatchObject({
        response: { option: 'd' },
        clientRev: 3,
      });
    });

    it('twenty concurrent saves in random order keep the highest revision', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const options = ['a', 'b', 'c', 'd'];
      // A fixed shuffle of revisions 1..20, with the highest in the middle.
      const revs = [7, 3, 15, 1, 12, 19, 5, 9, 20, 2, 14, 6, 17, 11, 4, 18, 8, 13, 10, 16];
      const results = await Promise.all(
        revs.map((clientRev) =>
          saveResponse(
            s,
            {
              attemptId: id,
              position: 1,
              response: { option: options[clientRev % 4]! },
              clientRev,
            },
            T0,
          ),
        ),
      );
      expect(results[revs.indexOf(20)]!.status).toBe('saved');
      const stored = (await findAttempt(id))!.answers;
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ position: 1, clientRev: 20, response: { option: 'a' } });
    });
  });

  describe('the save limit (counted in the save’s own transaction)', () => {
    const limit = (key: string) => ({ key, windowMs: 60_000, limit: 3 });

    it('past the limit a save is refused with the seconds until the window ends; nothing is stored', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const save = (position: number, at: Date) =>
        saveResponse(
          s,
          { attemptId: id, position, response: { option: 'a' }, clientRev: 1 },
          at,
          limit(`test:${s.id}`),
        );
      for (const position of [0, 1, 2]) expect((await save(position, T0)).status).toBe('saved');
      expect(await save(3, seconds(20))).toEqual({ status: 'rate_limited', retryAfterSec: 40 });
      expect((await findAttempt(id))!.answers.map((a) => a.position)).toEqual([0, 1, 2]);
      // A new window starts once the old one has passed.
      expect((await save(3, seconds(61))).status).toBe('saved');
    });

    it('an invalid save or another student’s attempt does not count against the limit', async () => {
      const c = await course({ students: 2 });
      const [s, other] = c.students;
      const id = await startOrResume(s!, c.quizId, T0);
      const key = `test:${s!.id}`;
      await rejectsWith(
        saveResponse(
          s!,
          { attemptId: id, position: 0, response: { option: 'zz' }, clientRev: 1 },
          T0,
          limit(key),
        ),
        'response',
      );
      await rejectsWith(
        saveResponse(
          other!,
          { attemptId: id, position: 0, response: { option: 'a' }, clientRev: 1 },
          T0,
          limit(key),
        ),
        'not_found',
      );
      for (const position of [0, 1, 2]) {
        const result = await saveResponse(
          s!,
          { attemptId: id, position, response: { option: 'a' }, clientRev: 1 },
          T0,
          limit(key),
        );
        expect(result.status).toBe('saved');
      }
    });
  });

  describe('concurrent saves to different questions', () => {
    it('every acknowledged save lands, and submission grades them all', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      const results = await Promise.all(
        [3, 1, 0, 2, 1, 3, 0, 2].map((position, i) =>
          saveResponse(
            s,
            {
              attemptId: id,
              position,
              response: correctResponse(questions[position]!),
              clientRev: i + 1,
            },
            T0,
          ),
        ),
      );
      expect(results.every((r) => r.status === 'saved' || r.status === 'superseded')).toBe(true);
      expect((await findAttempt(id))!.answers.map((a) => a.position)).toEqual([0, 1, 2, 3]);
      expect((await submitOwnAttempt(s, id, T0)).score).toBe(9);
    });
  });

  describe('submitting exactly once', () => {
    it('two submissions at once grade the attempt once, with one score and one time', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      for (const position of [0, 2])
        await saveResponse(
          s,
          {
            attemptId: id,
            position,
            response: correctResponse(questions[position]!),
            clientRev: 1,
          },
          minutes(1),
        );
      const [a, b] = await Promise.all([
        submitOwnAttempt(s, id, minutes(2)),
        submitOwnAttempt(s, id, minutes(3)),
      ]);
      expect(a.score).toBe(4);
      expect(b.score).toBe(4);
      expect(a.submittedAt).toEqual(b.submittedAt);
      expect([minutes(2).getTime(), minutes(3).getTime()]).toContain(a.submittedAt!.getTime());
      expect(a.submitKind).toBe('student');
      // A later retry changes nothing.
      const again = await submitOwnAttempt(s, id, minutes(9));
      expect(again.submittedAt).toEqual(a.submittedAt);
      expect(again.score).toBe(4);
    });

    it('a save after submission is refused as closed and changes nothing', async () => {
      const c = await course();
      const s = c.students[0]!;
      const id = await startOrResume(s, c.quizId, T0);
      const { questions } = await keyOf(id);
      await submitOwnAttempt(s, id, minutes(1));
      await rejectsWith(
        saveResponse(
          s,
          { attemptId: id, position: 0, response: correctResponse(questions[0]!), clientRev: 5 },
          minutes(2),
        ),
        'closed',
      );
      expect(await findAttempt(id)).toMatchObject({ score: 0, answers: [] });
    });

    it('a save racing a submission is either graded or refused, never lost', async () => {
      const c = await course();
      const s = c.students[0]!;
      for (let round = 0; round < 4; round++) {
        const id = await startOrResume(s, c.quizId, T0);
        const { questions } = await keyOf(id);
        const [saved, submitted] = await Promise.allSettled([
          saveResponse(
            s,
            { attemptId: id, position: 0, response: correctResponse(questions[0]!), clientRev: 1 },
            T0,
          ),
          submitOwnAttempt(s, id, T0),
        ]);
        expect(submitted.status).toBe('fulfilled');
        const attempt = (await findAttempt(id))!;
        if (saved.status === 'fulfilled') {
          expect(saved.value.status).toBe('saved');
          expect(attempt.score).toBe(1);
          expect(attempt.answers[0]!.fraction).toBe(1);
        } else {
          expect(saved.reason).toMatchObject({ code: 'closed' });
          expect(attempt.score).toBe(0);
        }
      }
    });
  });
});
