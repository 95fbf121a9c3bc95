'use client';
// The quiz builder: settings and slots in one form, saved through saveQuizAction. A new quiz
// goes to its edit page once saved; an edited one says how many attempts were regraded.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore, useTransition } from 'react';
import { GRADING_METHODS, LIMITS, REVIEW_WHEN } from '@/lib/quiz';
import { BUTTON, FIELD, PRIMARY } from '../_components/styles';
import { saveQuizAction } from './actions';
import {
  fromLocalInput,
  payloadOf,
  toLocalInput,
  type SettingsDraft,
  type SlotDraft,
} from './draft';
import { SlotEditor, type BuilderOptions } from './slot-editor';

const subscribe = () => () => {};
let keys = 0;
const newKey = () => `new-${++keys}`;

export function QuizBuilder({
  target,
  initialSettings,
  initialSlots,
  options,
}: {
  target: { classId: string } | { quizId: string };
  initialSettings: SettingsDraft;
  initialSlots: SlotDraft[];
  options: BuilderOptions;
}) {
  const t = useTranslations('teach.builder');
  const router = useRouter();
  const [settings, setSettings] = useState(initialSettings);
  const [slots, setSlots] = useState(initialSlots);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [saving, startSaving] = useTransition();
  // datetime-local shows the browser's local time, which the server cannot render.
  const timeZone = useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
  const set = (patch: Partial<SettingsDraft>) => setSettings((s) => ({ ...s, ...patch }));
  const setSlot = (i: number, slot: SlotDraft) =>
    setSlots((all) => all.map((s, j) => (j === i ? slot : s)));
  const move = (i: number, delta: -1 | 1) =>
    setSlots((all) => {
      const next = [...all];
      const [item] = next.splice(i, 1);
      next.splice(i + delta, 0, item!);
      return next;
    });
  const addSlot = (kind: SlotDraft['kind']) =>
    setSlots((all) => [
      ...all,
      {
        key: newKey(),
        kind,
        source: 'template',
        template: options.templates[0]!.id,
        topic: options.topics[0]!.id,
        difficulty: 2,
        count: 1,
        seed: 1,
        points: 1,
      },
    ]);

  const save = () =>
    startSaving(async () => {
      const answer = await saveQuizAction({ target, ...payloadOf(settings, slots) });
      if (answer.status === 'error') {
        setResult({ ok: false, message: answer.message });
        return;
      }
      if ('classId' in target) {
        router.push(`/teach/quizzes/${answer.quizId}/edit?created=1`);
        return;
      }
      setResult({
        ok: true,
        message:
          answer.regraded > 0
            ? `${t('saved')} ${t('regraded', { n: answer.regraded })}`
            : t('saved'),
      });
      router.refresh();
    });

  const label = 'flex flex-col gap-1 text-sm';
  const check = 'flex items-center gap-2 text-sm';
  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      data-testid="quiz-builder"
    >
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t('settings')}</legend>
        <div className={label}>
          <label htmlFor="quiz-title" className="font-medium">
            {t('title')}
          </label>
          <input
            id="quiz-title"
            required
            maxLength={LIMITS.titleLength}
            className={FIELD}
            value={settings.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </div>
        <div className={label}>
          <label htmlFor="quiz-description" className="font-medium">
            {t('description')}
          </label>
          <textarea
            id="quiz-description"
            rows={3}
            maxLength={LIMITS.descriptionLength}
            className={FIELD}
            value={settings.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </div>
        <div className="flex flex-wrap gap-4">
          <div className={label}>
            <label htmlFor="quiz-time-limit" className="font-medium">
              {t('timeLimit')}
            </label>
            <input
              id="quiz-time-limit"
              type="number"
              min={1}
              max={LIMITS.timeLimitSec / 60}
              className={`${FIELD} w-32`}
              value={settings.timeLimitMin}
              onChange={(e) => set({ timeLimitMin: e.target.value })}
              aria-describedby="quiz-time-limit-help"
            />
            <span id="quiz-time-limit-help" className="text-xs text-slate-600 dark:text-slate-400">
              {t('timeLimitHelp')}
            </span>
          </div>
          <div className={label}>
            <label htmlFor="quiz-opens" className="font-medium">
              {t('opensAt')}
            </label>
            <input
              id="quiz-opens"
              type="datetime-local"
              className={FIELD}
              value={timeZone ? toLocalInput(settings.opensAt) : ''}
              onChange={(e) => set({ opensAt: fromLocalInput(e.target.value) })}
              aria-describedby="quiz-zone-help"
            />
          </div>
          <div className={label}>
            <label htmlFor="quiz-closes" className="font-medium">
              {t('closesAt')}
            </label>
            <input
              id="quiz-closes"
              type="datetime-local"
              className={FIELD}
              value={timeZone ? toLocalInput(settings.closesAt) : ''}
              onChange={(e) => set({ closesAt: fromLocalInput(e.target.value) })}
              aria-describedby="quiz-zone-help"
            />
          </div>
        </div>
        <p id="quiz-zone-help" className="text-xs text-slate-600 dark:text-slate-400">
          {timeZone ? t('zoneHelp', { zone: timeZone }) : t('windowHelp')}
        </p>
        <div className="flex flex-wrap gap-4">
          <div className={label}>
            <label htmlFor="quiz-attempts" className="font-medium">
              {t('attempts')}
            </label>
            <input
              id="quiz-attempts"
              type="number"
              min={0}
              max={LIMITS.attempts}
              className={`${FIELD} w-24`}
              value={settings.attemptsAllowed}
              onChange={(e) => set({ attemptsAllowed: e.target.value })}
              aria-describedby="quiz-attempts-help"
            />
            <span id="quiz-attempts-help" className="text-xs text-slate-600 dark:text-slate-400">
              {t('attemptsHelp')}
            </span>
          </div>
          <div className={label}>
            <label htmlFor="quiz-grading" className="font-medium">
              {t('grading')}
            </label>
            <select
              id="quiz-grading"
              className={FIELD}
              value={settings.gradingMethod}
              onChange={(e) => {
                const m = GRADING_METHODS.find((x) => x === e.target.value);
                if (m) set({ gradingMethod: m });
              }}
            >
              {GRADING_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t('gradingMethod', { method: m })}
                </option>
              ))}
            </select>
          </div>
          <div className={label}>
            <label htmlFor="quiz-review" className="font-medium">
              {t('reviewWhen')}
            </label>
            <select
              id="quiz-review"
              className={FIELD}
              value={settings.reviewWhen}
              onChange={(e) => {
                const w = REVIEW_WHEN.find((x) => x === e.target.value);
                if (w) set({ reviewWhen: w });
              }}
            >
              {REVIEW_WHEN.map((w) => (
                <option key={w} value={w}>
                  {t('reviewWhenName', { when: w })}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="flex flex-wrap gap-6">
          <label className={check}>
            <input
              type="checkbox"
              checked={settings.shuffle}
              onChange={(e) => set({ shuffle: e.target.checked })}
            />
            {t('shuffle')}
          </label>
          <label className={check}>
            <input
              type="checkbox"
              checked={settings.reviewAnswers}
              disabled={settings.reviewWhen === 'never'}
              onChange={(e) => set({ reviewAnswers: e.target.checked })}
            />
            {t('reviewAnswers')}
          </label>
          <label className={check}>
            <input
              type="checkbox"
              checked={settings.reviewExplanation}
              disabled={settings.reviewWhen === 'never'}
              onChange={(e) => set({ reviewExplanation: e.target.checked })}
            />
            {t('reviewExplanation')}
          </label>
        </div>
      </fieldset>

      <section aria-labelledby="slots-heading" className="space-y-3">
        <h2 id="slots-heading" className="text-lg font-semibold">
          {t('slots')}
        </h2>
        {slots.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">{t('noSlots')}</p>
        ) : null}
        <ol className="space-y-3">
          {slots.map((slot, i) => (
            <SlotEditor
              key={slot.key}
              slot={slot}
              index={i}
              total={slots.length}
              options={options}
              onChange={(s) => setSlot(i, s)}
              onMove={(delta) => move(i, delta)}
              onRemove={() => setSlots((all) => all.filter((_, j) => j !== i))}
            />
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={BUTTON}
            onClick={() => addSlot('random')}
            disabled={slots.length >= LIMITS.slots}
            data-testid="add-random-slot"
          >
            {t('addRandom')}
          </button>
          <button
            type="button"
            className={BUTTON}
            onClick={() => addSlot('fixed')}
            disabled={slots.length >= LIMITS.slots}
            data-testid="add-fixed-slot"
          >
            {t('addFixed')}
          </button>
        </div>
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={PRIMARY} disabled={saving} data-testid="save-quiz">
          {saving ? t('saving') : t('save')}
        </button>
        <p
          aria-live="polite"
          data-testid="save-result"
          className={result && !result.ok ? 'text-sm text-rose-700 dark:text-rose-300' : 'text-sm'}
        >
          {result?.message ?? ''}
        </p>
      </div>
    </form>
  );
}
