'use client';
// The review session: Space shows the answer, 1-4 rate it (Again, Hard, Good, Easy), U or
// the button undoes the last rating. Signed in, each rating is stored before the next card.
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useEffectEvent, useRef, useState, useTransition } from 'react';
import type { Rating } from '@/lib/srs';
import {
  rateAction,
  sessionAction,
  setRetentionAction,
  undoAction,
  type SessionView,
} from './actions';
import {
  introducedToday,
  loadLocalCards,
  practiceMistakes,
  saveLocalCards,
  withRating,
  withUndo,
  type LocalCards,
} from './local-cards';

const RATINGS: readonly Rating[] = [1, 2, 3, 4];
/** The choices offered (lib/srs accepts 0.70..0.97 as a setting). */
const RETENTIONS = [0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97] as const;

function utcOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

type Props = {
  signedIn: boolean;
  /** A signed-in learner's stored desired retention. */
  initialRetention?: number;
  deck?: string;
};

export function FlashcardsClient({ signedIn, initialRetention, deck }: Props) {
  const t = useTranslations('flashcards');
  const [session, setSession] = useState<SessionView | null>(null);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retention, setRetention] = useState(initialRetention ?? 0.9);
  // Signed in, the server knows whether there is a rating to undo; a visitor, its own log.
  const [canUndo, setCanUndo] = useState(signedIn);
  const [pending, startTransition] = useTransition();
  const local = useRef<LocalCards | null>(null);

  const base = useCallback(() => {
    const common = {
      ...(deck ? { deck } : {}),
      desiredRetention: retention,
      utcOffsetMinutes: utcOffsetMinutes(),
    };
    if (signedIn) return common;
    local.current ??= loadLocalCards();
    const store = local.current;
    return {
      ...common,
      visitor: {
        states: store.states,
        introducedToday: introducedToday(store, new Date(), common.utcOffsetMinutes),
        ...practiceMistakes(),
      },
    };
  }, [deck, retention, signedIn]);

  // Called after an await inside a transition. Updates there join the transition only when
  // wrapped again; wrapped, the card appears in the same render that ends `pending`, so a
  // rating or U pressed as soon as it is on screen is not ignored as pressed mid-request.
  const show = useCallback(
    (result: Awaited<ReturnType<typeof sessionAction>>) => {
      startTransition(() => {
        if (!result.ok) {
          setError(t(`error.${result.error}`));
          return;
        }
        setError(null);
        setSession(result);
        setShown(false);
      });
    },
    [t],
  );

  useEffect(() => {
    if (!signedIn) {
      local.current ??= loadLocalCards();
      setRetention(local.current.desiredRetention);
      setCanUndo(local.current.log.length > 0);
    }
  }, [signedIn]);

  useEffect(() => {
    startTransition(async () => show(await sessionAction(base())));
    // The session is loaded once; later changes come from rating and undo.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const rate = useCallback(
    (rating: Rating) => {
      const card = session?.card;
      if (!card || !shown || pending) return;
      startTransition(async () => {
        const result = await rateAction({ ...base(), cardId: card.id, rating });
        if (result.ok && result.visitor && local.current) {
          local.current = withRating(
            local.current,
            result.visitor.cardId,
            result.visitor.card,
            result.visitor.log,
          );
          saveLocalCards(local.current);
        }
        if (result.ok) setCanUndo(true);
        show(result);
      });
    },
    [base, pending, session, show, shown],
  );

  const undoLast = useCallback(() => {
    if (pending || !canUndo) return;
    startTransition(async () => {
      if (!signedIn && local.current) {
        local.current = withUndo(local.current);
        saveLocalCards(local.current);
        setCanUndo(local.current.log.length > 0);
      }
      show(await undoAction(base()));
      // The undone card is due (or new) again, so it comes back first, answer hidden.
      setShown(false);
    });
  }, [base, canUndo, pending, show, signedIn]);

  // One listener for the page's life; the effect event reads the state of the latest
  // render, so a key pressed right after a new question or card appears is not lost to a
  // listener still holding the previous render's state.
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
      return;
    if (event.key === ' ' && session?.card && !shown) {
      event.preventDefault();
      setShown(true);
    } else if (/^[1-4]$/.test(event.key) && shown) {
      const rating = RATINGS[Number(event.key) - 1];
      if (rating === undefined) return;
      event.preventDefault();
      rate(rating);
    } else if (event.key === 'u' || event.key === 'U') {
      event.preventDefault();
      undoLast();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="max-w-3xl space-y-4" data-testid="flashcards">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        {session ? (
          <span data-testid="flashcards-counts">
            {t('counts', { due: session.counts.due, new: session.counts.new })}
          </span>
        ) : null}
        <label className="flex items-center gap-2">
          {t('retention')}
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
            value={String(retention)}
            data-testid="flashcards-retention-setting"
            onChange={(e) => {
              const value = Number(e.target.value);
              setRetention(value);
              if (signedIn) {
                startTransition(async () => {
                  if (!(await setRetentionAction(value)).ok) setError(t('error.invalid'));
                });
              } else if (local.current) {
                local.current = { ...local.current, desiredRetention: value };
                saveLocalCards(local.current);
              }
            }}
          >
            {(RETENTIONS.some((r) => r === retention)
              ? RETENTIONS
              : [...RETENTIONS, retention]
            ).map((r) => (
              <option key={r} value={String(r)}>
                {Math.round(r * 100)}%
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="underline disabled:opacity-50"
          onClick={undoLast}
          disabled={!canUndo || pending}
          data-testid="flashcards-undo"
        >
          {t('undo')}
        </button>
        <span className="text-slate-500">{signedIn ? t('savedNote') : t('visitorNote')}</span>
      </div>
      {error ? (
        <p role="alert" className="text-rose-700 dark:text-rose-300">
          {error}
        </p>
      ) : null}
      {session && !session.card ? <p data-testid="flashcards-done">{t('done')}</p> : null}
      {session?.card ? (
        <article
          className="space-y-4 rounded-md border border-slate-300 p-4 dark:border-slate-700"
          data-testid="flashcard"
          data-card={session.card.id}
        >
          <p className="text-xs text-slate-500">{session.card.deckTitle}</p>
          <div
            className="prose prose-slate dark:prose-invert max-w-none"
            data-testid="flashcard-front"
            // Rendered and sanitised by lib/content on the server.
            dangerouslySetInnerHTML={{ __html: session.card.frontHtml }}
          />
          {shown ? (
            <>
              <hr className="border-slate-200 dark:border-slate-700" />
              <div
                className="prose prose-slate dark:prose-invert max-w-none"
                data-testid="flashcard-back"
                dangerouslySetInnerHTML={{ __html: session.card.backHtml }}
              />
              <div className="flex flex-wrap gap-2" role="group" aria-label={t('rate')}>
                {RATINGS.map((r) => (
                  <button
                    key={r}
                    type="button"
                    disabled={pending}
                    onClick={() => rate(r)}
                    className="rounded border border-slate-300 px-3 py-1 dark:border-slate-600"
                    data-testid={`rate-${r}`}
                  >
                    <kbd className="mr-1 font-mono text-xs text-slate-500">{r}</kbd>
                    {t(`rating.${r}`)}
                  </button>
                ))}
              </div>
            </>
          ) : (
            <button
              type="button"
              onClick={() => setShown(true)}
              className="bg-brand-600 rounded px-4 py-2 font-semibold text-white"
              data-testid="flashcard-show"
            >
              {t('show')}
            </button>
          )}
        </article>
      ) : null}
      <p className="text-sm text-slate-500">{t('keyboardHint')}</p>
    </div>
  );
}
