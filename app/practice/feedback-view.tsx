'use client';
// The verdict on an answer: right or wrong, the key, the misconception a wrong answer
// reveals, the step-by-step explanation, the lesson to revisit and how mastery moved.
import Link from '@/app/_components/link';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';

// Regenerates a congestion question's rounds in the browser: the generators and the engine
// load only when such a question has been answered.
const ExplanationRounds = dynamic(
  () => import('@/app/_components/congestion/explanation-rounds').then((m) => m.ExplanationRounds),
  { ssr: false },
);
import type { Answer, PublicQuestion } from '@/lib/questions';
import type { AnswerResult } from './actions';

type Graded = Extract<AnswerResult, { ok: true }>;

function answerText(question: PublicQuestion, answer: Answer): string {
  const text = (id: string) =>
    'options' in question ? (question.options.find((o) => o.id === id)?.text ?? id) : id;
  if ('option' in answer) return text(answer.option);
  if ('options' in answer) return answer.options.map(text).join('; ');
  if ('value' in answer)
    return `${answer.value}${question.kind === 'numeric' && question.unit ? ` ${question.unit}` : ''}`;
  if ('fields' in answer) {
    const f = answer.fields;
    return `${f.flags}  seq=${f.seq ?? '–'}  ack=${f.ack ?? '–'}`;
  }
  return answer.order.map(text).join(' → ');
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function FeedbackView({
  question,
  result,
  topicName,
}: {
  question: PublicQuestion;
  result: Graded;
  topicName: (topic: string) => string;
}) {
  const t = useTranslations('practice');
  const tone = result.correct
    ? 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950/40'
    : 'border-rose-500 bg-rose-50 dark:bg-rose-950/40';
  return (
    <section
      className={`space-y-3 rounded-md border-l-4 p-4 ${tone}`}
      data-testid="practice-feedback"
      data-correct={result.correct ? 'true' : 'false'}
      // The question's identity, revealed with its key (what a visitor's history keeps):
      // lets a test regenerate the question the learner was shown.
      data-template={result.question.template}
      data-seed={result.question.seed}
      data-difficulty={result.question.difficulty}
      data-locale={result.question.locale}
      aria-live="polite"
    >
      <p className="font-semibold">{result.feedback}</p>
      {!result.correct ? (
        <p>
          {t('answerWas')} <span className="font-mono">{answerText(question, result.answer)}</span>
        </p>
      ) : null}
      {result.misconception ? (
        <p data-testid="practice-misconception">
          <span className="font-semibold">{t('misconception')}</span> {result.misconception.text}
        </p>
      ) : null}
      <div>
        <h3 className="font-semibold">{t('explanation')}</h3>
        <p className="whitespace-pre-line">{result.explanation}</p>
      </div>
      <ExplanationRounds question={result.question} />
      <p>
        <Link
          href={`/lessons/${result.lesson.slug}`}
          className="text-brand-700 dark:text-brand-100 underline"
        >
          {t('revisitLesson', { title: result.lesson.title })}
        </Link>
      </p>
      <ul className="space-y-1 text-sm" data-testid="practice-mastery">
        {result.mastery.map((m) => (
          <li key={m.topic} data-topic={m.topic} data-after={m.after.toFixed(4)}>
            {t('masteryChange', {
              topic: topicName(m.topic),
              before: pct(m.before),
              after: pct(m.after),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
