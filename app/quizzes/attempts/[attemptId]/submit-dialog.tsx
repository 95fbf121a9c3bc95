'use client';
// The confirmation before submitting: which questions are unanswered or not yet saved.
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { BUTTON, BUTTON_QUIET } from '../../_lib/styles';

export function SubmitDialog({
  open,
  unanswered,
  unsaved,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  /** 1-based question numbers. */
  unanswered: number[];
  unsaved: number[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('quizzes');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="submit-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto max-w-md rounded-md border border-slate-300 bg-white p-6 text-slate-900 backdrop:bg-slate-900/50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      data-testid="submit-dialog"
    >
      <h2 id="submit-title" className="mb-3 text-lg font-semibold">
        {t('submit.title')}
      </h2>
      {unanswered.length > 0 ? (
        <p data-testid="submit-unanswered">
          {t('submit.unanswered', { count: unanswered.length, list: unanswered.join(', ') })}
        </p>
      ) : (
        <p>{t('submit.allAnswered')}</p>
      )}
      {unsaved.length > 0 ? (
        <p className="mt-2 text-red-700 dark:text-red-300">
          {t('submit.unsaved', { list: unsaved.join(', ') })}
        </p>
      ) : null}
      <p className="mt-2 text-sm">{t('submit.final')}</p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className={BUTTON_QUIET} onClick={onCancel} disabled={busy}>
          {t('submit.cancel')}
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={onConfirm}
          disabled={busy}
          data-testid="submit-confirm"
        >
          {t('submit.confirm')}
        </button>
      </div>
    </dialog>
  );
}
