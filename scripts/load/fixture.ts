// The load test's class: an instructor, N students who share one password (hashed once, so
// seeding 1,000 accounts takes seconds), and a published 10-question quiz. For each student
// it also computes a valid response per question (their own variant, from lib/classroom),
// so the simulated browsers send what a real one would (responsesFor, once attempts exist).
import { hashPassword } from '@/lib/auth/password';
import { parseLayout, questionFor } from '@/lib/classroom';
import { createQuiz, setQuizStatus } from '@/lib/db';
import { db } from '@/lib/db/client';
import type { SlotSpec } from '@/lib/quiz';
import { keyAsResponse, listTemplates, type Question } from '@/lib/questions';

export const LOAD_PASSWORD = 'load-test-password-1';

export type LoadStudent = { email: string; userId: string };
export type LoadFixture = { quizId: string; students: LoadStudent[] };

/** A well-formed response that is usually wrong: the first option, or a number off by one. */
export function plausibleResponse(q: Question): unknown {
  switch (q.kind) {
    case 'choice':
      return { option: q.options[0]!.id };
    case 'multi':
      return { options: [q.options[0]!.id] };
    case 'numeric':
      return { value: q.answer.value + 1 };
    case 'fields':
      return {
        fields: {
          ...q.answer.fields,
          ack: q.answer.fields.ack === null ? null : q.answer.fields.ack + 1,
        },
      };
    case 'order':
      return { order: [...q.answer.order].reverse() };
  }
}

export async function seedLoadFixture(students: number, tag: string): Promise<LoadFixture> {
  const client = await db();
  const passwordHash = await hashPassword(LOAD_PASSWORD);
  const instructor = await client.user.create({
    data: { email: `load-teacher-${tag}@load.test`, role: 'instructor', passwordHash },
  });
  const cls = await client.class.create({
    data: {
      ownerId: instructor.id,
      name: `Load ${tag}`,
      joinCode: `L${tag}`.slice(0, 8).toUpperCase().padEnd(8, '2'),
    },
  });
  const emails = Array.from({ length: students }, (_, i) => `load-${tag}-${i}@load.test`);
  for (let i = 0; i < emails.length; i += 500) {
    await client.user.createMany({
      data: emails.slice(i, i + 500).map((email) => ({ email, passwordHash, role: 'student' })),
    });
  }
  const users = await client.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true },
  });
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  for (let i = 0; i < users.length; i += 500) {
    await client.classMember.createMany({
      data: users.slice(i, i + 500).map((u) => ({ classId: cls.id, userId: u.id })),
    });
  }
  const templates = listTemplates()
    .filter((t) => t.difficulties.includes(2))
    .slice(0, 10);
  const slots: SlotSpec[] = templates.map((t) => ({
    kind: 'random',
    template: t.id,
    topic: null,
    difficulty: 2,
    count: 1,
    points: 1,
  }));
  const quiz = await createQuiz({
    classId: cls.id,
    settings: {
      title: `Load quiz ${tag}`,
      description: '',
      timeLimitSec: 3600,
      opensAt: null,
      closesAt: null,
      attemptsAllowed: 1,
      gradingMethod: 'highest',
      shuffle: true,
      reviewWhen: 'after_close',
      reviewAnswers: true,
      reviewExplanation: true,
    },
    slots,
  });
  await setQuizStatus(quiz.id, 'published');
  const fixture = emails.map((email) => ({ email, userId: idOf.get(email)! }));
  return { quizId: quiz.id, students: fixture };
}

/**
 * Each started attempt's responses, read back from its stored layout (the exact questions
 * the server chose for that student).
 */
export async function responsesFor(quizId: string): Promise<Map<string, unknown[]>> {
  const client = await db();
  const attempts = await client.quizAttempt.findMany({
    where: { quizId },
    select: { userId: true, layout: true },
  });
  const out = new Map<string, unknown[]>();
  attempts.forEach((attempt, i) => {
    const layout = parseLayout(attempt.layout);
    out.set(
      attempt.userId,
      layout.map((item, position) => {
        const q = questionFor(item, 'en');
        // About seven in ten answers right, spread over students and positions.
        return (i + position * 3) % 10 < 7 ? keyAsResponse(q) : plausibleResponse(q);
      }),
    );
  });
  return out;
}
