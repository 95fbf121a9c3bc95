'use client';
// A submit button that asks first: removing a student or deleting a quiz cannot be undone.
import type { ReactNode } from 'react';

export function ConfirmSubmit({
  question,
  className,
  children,
  testId,
}: {
  question: string;
  className: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <button
      type="submit"
      className={className}
      data-testid={testId}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      {children}
    </button>
  );
}
