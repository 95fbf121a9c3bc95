// /quizzes: a signed-in student's classes and their published quizzes, each with its window
// and the student's state in it, and the form to join a class; visitors are asked to sign in.
import type { Metadata } from 'next';
import Link from '@/app/_components/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth';
import { quizForStudent, studentClasses } from '@/lib/classroom';
import { JoinForm } from './join-form';
import { QuizFacts } from './_lib/quiz-facts';
import { signInPath } from './_lib/server';
import { BUTTON, PANEL } from './_lib/styles';
import { stateOf, summaryOf } from './_lib/window';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('quizzes') };
}

export default async function QuizzesPage() {
  const t = await getTranslations('quizzes');
  const user = await getCurrentUser();
  if (!user) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="max-w-2xl">{t('visitor')}</p>
        <Link href={signInPath('/quizzes')} className={BUTTON} data-testid="quizzes-signin">
          {t('signIn')}
        </Link>
      </section>
    );
  }
  const { classes, quizzes } = await studentClasses(user);
  const now = new Date();
  // Each quiz's attempts (expired ones are submitted on the way, so the state is current).
  const states = await Promise.all(quizzes.map((q) => quizForStudent(user, q.id, now)));
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <JoinForm />
      {classes.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">{t('noClasses')}</p>
      ) : (
        classes.map((cls) => {
          const inClass = states.filter((s) => s.quiz.classId === cls.id);
          return (
            <section key={cls.id} className="space-y-3" data-testid="class-section">
              <h2 className="text-xl font-semibold">{cls.name}</h2>
              {inClass.length === 0 ? (
                <p className="text-slate-700 dark:text-slate-300">{t('noQuizzes')}</p>
              ) : (
                <ul className="space-y-3">
                  {inClass.map(({ quiz, attempts, decision }) => (
                    <li key={quiz.id} className={PANEL} data-testid="quiz-item">
                      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                        <Link
                          href={`/quizzes/${quiz.id}`}
                          className="text-lg font-medium underline"
                        >
                          {quiz.title}
                        </Link>
                        <span className="text-sm font-medium" data-testid="quiz-state">
                          {t(`state.${stateOf(decision)}`)}
                        </span>
                      </div>
                      <QuizFacts summary={summaryOf(quiz)} attemptsUsed={attempts.length} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
    </section>
  );
}
