// /teach/quizzes/[quizId]/preview?student=… – the quiz as one student would get it (their
// variant of attempt 1; the instructor's own by default), with keys and explanations.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { managedQuiz, previewQuiz, roster } from '@/lib/classroom';
import { QuestionCard } from '../../../_components/question-card';
import { BUTTON, FIELD, LINK } from '../../../_components/styles';
import { labels } from '../../../_lib/labels';
import { load } from '../../../_lib/load';
import { questionLocale } from '../../../_lib/locale';
import { answerOf } from '../../../_lib/answer';
import { QuizLinks } from '../quiz-links';

type Props = {
  params: Promise<{ quizId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach.preview'))('title') };
}

export default async function PreviewPage({ params, searchParams }: Props) {
  const { quizId } = await params;
  const wanted = (await searchParams).student;
  const user = await getCurrentUser();
  const here = `/teach/quizzes/${quizId}/preview`;
  const quiz = await load(() => managedQuiz(user, quizId), here);
  const { members } = await load(() => roster(user, quiz.classId), here);
  // Only a student on the roster can be previewed; anything else falls back to the instructor.
  const student = members.find((m) => m.userId === wanted) ?? null;
  const locale = await questionLocale();
  const t = await getTranslations('teach');
  const names = await labels();
  let questions;
  try {
    questions = await previewQuiz(user, quizId, locale, student?.userId);
  } catch {
    // A topic slot without any template at its difficulty cannot be planned.
    questions = null;
  }
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/teach/classes/${quiz.classId}`} className={LINK}>
            {t('quiz.backToClass')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('preview.heading', { title: quiz.title })}</h1>
        <QuizLinks quizId={quiz.id} />
      </div>
      <form method="get" className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="preview-student" className="font-medium">
            {t('preview.student')}
          </label>
          <select
            id="preview-student"
            name="student"
            defaultValue={student?.userId ?? ''}
            className={FIELD}
          >
            <option value="">{t('preview.yourself')}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name ? `${m.name} (${m.email})` : m.email}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={BUTTON}>
          {t('preview.show')}
        </button>
      </form>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="preview-for">
        {student
          ? t('preview.as', { student: student.name ?? student.email })
          : t('preview.asYourself')}
      </p>
      {questions === null ? (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {t('preview.unplannable')}
        </p>
      ) : questions.length === 0 ? (
        <p>{t('preview.empty')}</p>
      ) : (
        <ol className="space-y-4" data-testid="preview-questions">
          {questions.map((q, i) => (
            <li key={`${q.slot}-${i}`}>
              <QuestionCard
                heading={t('preview.questionHeading', {
                  n: i + 1,
                  slot: q.slot + 1,
                  template: names.templates[q.template] ?? q.template,
                  seed: q.seed,
                })}
                question={q.question}
                answer={answerOf(q.answer)}
                explanation={q.explanation}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
