'use client';
// A student's own response shown in the question's inputs, read-only.
import { QuestionView } from '@/app/practice/question-view';
import type { PublicQuestion } from '@/lib/questions';
import { draftFrom } from '../draft-response';

export function ResponseView({
  question,
  response,
}: {
  question: PublicQuestion;
  response: unknown;
}) {
  return (
    // Its own form, so each question's radio buttons form their own group.
    <form onSubmit={(e) => e.preventDefault()}>
      <QuestionView
        question={question}
        draft={draftFrom(question, response)}
        onDraft={() => undefined}
        disabled
      />
    </form>
  );
}
