// The printable quiz paper: one sheet of questions per student, then that student's answer
// key on a new page. Server-renderable (no hooks but translations); the data comes from toPaper.
import { useTranslations } from 'next-intl';
import type { Paper, PaperKeyEntry, PaperQuestion, PaperStudent } from './types';

export type PaperViewProps = {
  paper: Paper;
  /** The quiz title printed at the top of every sheet. */
  title: string;
};

export function PaperView({ paper, title }: PaperViewProps) {
  return (
    <div className="space-y-12 print:space-y-0 print:text-black" data-testid="quiz-paper">
      {paper.students.map((student, i) => (
        <StudentSheets key={i} student={student} title={title} first={i === 0} />
      ))}
    </div>
  );
}

function StudentSheets({
  student,
  title,
  first,
}: {
  student: PaperStudent;
  title: string;
  first: boolean;
}) {
  const t = useTranslations('quizPaper');
  return (
    <>
      {/* Each student's paper starts on a fresh page, so the stack can be handed out as is. */}
      <section className={first ? '' : 'break-before-page'} data-testid="paper-questions">
        <header className="mb-6 border-b border-slate-300 pb-3">
          <h1 className="text-xl font-semibold">{title}</h1>
          <p className="mt-2 flex flex-wrap gap-x-8">
            <span>
              {t('student')}: <span className="font-semibold">{student.name}</span>
            </span>
            <span>{t('total', { points: student.totalPoints })}</span>
            <span>
              {t('signature')}: <span className="inline-block w-40 border-b border-slate-400" />
            </span>
          </p>
        </header>
        <ol className="space-y-8">
          {student.questions.map((q) => (
            <QuestionBlock key={q.number} question={q} />
          ))}
        </ol>
      </section>
      {/* The key goes on its own pages so it can be removed before the papers are handed out. */}
      <section
        className="mt-12 break-before-page border-t-4 border-double border-slate-400 pt-6 print:mt-0 print:border-0 print:pt-0"
        data-testid="paper-key"
      >
        <h2 className="text-xl font-semibold">{t('keyTitle', { name: student.name })}</h2>
        <p className="mb-4 text-sm text-slate-600 print:text-black">{t('keyNotice')}</p>
        <ol className="space-y-5">
          {student.key.map((k) => (
            <KeyBlock key={k.number} entry={k} />
          ))}
        </ol>
      </section>
    </>
  );
}

function QuestionBlock({ question: q }: { question: PaperQuestion }) {
  const t = useTranslations('quizPaper');
  return (
    <li className="break-inside-avoid" lang={q.locale === 'zh' ? 'zh-CN' : 'en'}>
      <p className="font-semibold">
        {q.number}.{' '}
        <span className="text-sm font-normal">({t('points', { points: q.points })})</span>{' '}
        <span className="text-sm font-normal text-slate-600 print:text-black">
          {t(`instructions.${q.kind}`)}
        </span>
      </p>
      <p className="mt-1 whitespace-pre-line">{q.stem}</p>
      {q.ladder !== null ? (
        <pre className="mt-2 overflow-x-auto rounded border border-slate-300 p-2 text-[11px] leading-tight print:overflow-visible print:whitespace-pre-wrap">
          {q.ladder}
        </pre>
      ) : null}
      {q.options.length > 0 ? (
        <ol className="mt-2 space-y-1">
          {q.options.map((o) => (
            <li key={o.letter}>
              <span className="mr-2 inline-block w-6 font-semibold">{o.letter}.</span>
              {o.text}
            </li>
          ))}
        </ol>
      ) : null}
      {q.fields.length > 0 ? (
        <dl className="mt-2 space-y-2">
          {q.fields.map((label) => (
            <div key={label} className="flex items-end gap-2">
              <dt>{label}:</dt>
              <dd className="w-56 border-b border-slate-400" />
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-3 flex items-end gap-2">
          <span>{t('answer')}:</span>
          <span className="inline-block w-56 border-b border-slate-400" />
          {q.unit !== null ? <span>{q.unit}</span> : null}
        </p>
      )}
    </li>
  );
}

function KeyBlock({ entry: k }: { entry: PaperKeyEntry }) {
  const t = useTranslations('quizPaper');
  return (
    <li className="break-inside-avoid">
      <p>
        <span className="font-semibold">{k.number}.</span>{' '}
        <span className="font-mono font-semibold">{k.answer}</span>{' '}
        <span className="text-sm text-slate-600 print:text-black">
          ({t('points', { points: k.points })} · {k.label})
        </span>
      </p>
      {k.explanation !== '' ? (
        <p className="mt-1 text-sm whitespace-pre-line">{k.explanation}</p>
      ) : null}
      {k.misconceptions.length > 0 ? (
        <div className="mt-1 text-sm">
          <p className="font-semibold">{t('misconceptions')}</p>
          <ul className="list-inside list-disc">
            {k.misconceptions.map((m) => (
              <li key={m.letter}>
                {m.letter}: {m.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
