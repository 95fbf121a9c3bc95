'use client';
// One slot of the quiz builder: random (a template or a topic, a difficulty, how many) or
// fixed (a template with a seed the instructor previews and chooses), with its points.
import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { DIFFICULTIES, type Difficulty, type TemplateId, type Topic } from '@/lib/questions';
import { LIMITS } from '@/lib/quiz';
import { QuestionCard } from '../_components/question-card';
import { BUTTON, DANGER, FIELD } from '../_components/styles';
import { previewSlotAction, type SlotPreview } from './actions';
import type { SlotDraft } from './draft';

export type BuilderOptions = {
  templates: { id: TemplateId; label: string; difficulties: Difficulty[] }[];
  topics: { id: Topic; label: string }[];
};

/** A fresh seed in the range the slot schema accepts. */
function randomSeed(): number {
  return Math.floor(Math.random() * 0xffff_ffff);
}

export function SlotEditor({
  slot,
  index,
  total,
  options,
  onChange,
  onMove,
  onRemove,
}: {
  slot: SlotDraft;
  index: number;
  total: number;
  options: BuilderOptions;
  onChange: (slot: SlotDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('teach.slot');
  const uid = useId();
  const [preview, setPreview] = useState<SlotPreview | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (patch: Partial<SlotDraft>) => {
    // A preview shows one template, seed and difficulty; a change makes it stale.
    if ('template' in patch || 'seed' in patch || 'difficulty' in patch) setPreview(null);
    onChange({ ...slot, ...patch });
  };
  const showPreview = (seed: number) =>
    startTransition(async () => {
      setPreview(
        await previewSlotAction({ template: slot.template, seed, difficulty: slot.difficulty }),
      );
    });
  const field = (name: string) => `${uid}-${name}`;
  const label = 'flex flex-col gap-1 text-sm';

  return (
    <li
      className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800"
      data-testid={`slot-${index}`}
    >
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t('heading', { n: index + 1 })}</legend>
        <div className="flex flex-wrap items-end gap-3">
          <div className={label}>
            <label htmlFor={field('kind')} className="font-medium">
              {t('kind')}
            </label>
            <select
              id={field('kind')}
              className={FIELD}
              value={slot.kind}
              onChange={(e) => set({ kind: e.target.value === 'fixed' ? 'fixed' : 'random' })}
            >
              <option value="random">{t('random')}</option>
              <option value="fixed">{t('fixed')}</option>
            </select>
          </div>
          {slot.kind === 'random' ? (
            <div className={label}>
              <label htmlFor={field('source')} className="font-medium">
                {t('source')}
              </label>
              <select
                id={field('source')}
                className={FIELD}
                value={slot.source}
                onChange={(e) => set({ source: e.target.value === 'topic' ? 'topic' : 'template' })}
              >
                <option value="template">{t('byTemplate')}</option>
                <option value="topic">{t('byTopic')}</option>
              </select>
            </div>
          ) : null}
          {slot.kind === 'random' && slot.source === 'topic' ? (
            <div className={label}>
              <label htmlFor={field('topic')} className="font-medium">
                {t('topic')}
              </label>
              <select
                id={field('topic')}
                className={FIELD}
                value={slot.topic}
                onChange={(e) => {
                  const topic = options.topics.find((o) => o.id === e.target.value);
                  if (topic) set({ topic: topic.id });
                }}
              >
                {options.topics.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className={label}>
              <label htmlFor={field('template')} className="font-medium">
                {t('template')}
              </label>
              <select
                id={field('template')}
                className={FIELD}
                value={slot.template}
                onChange={(e) => {
                  const template = options.templates.find((o) => o.id === e.target.value);
                  if (template) set({ template: template.id });
                }}
              >
                {options.templates.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className={label}>
            <label htmlFor={field('difficulty')} className="font-medium">
              {t('difficulty')}
            </label>
            <select
              id={field('difficulty')}
              className={FIELD}
              value={slot.difficulty}
              onChange={(e) => {
                const d = DIFFICULTIES.find((x) => String(x) === e.target.value);
                if (d) set({ difficulty: d });
              }}
            >
              {DIFFICULTIES.map((d) => (
                <option key={d} value={d}>
                  {t('difficultyName', { level: d })}
                </option>
              ))}
            </select>
          </div>
          {slot.kind === 'random' ? (
            <div className={label}>
              <label htmlFor={field('count')} className="font-medium">
                {t('count')}
              </label>
              <input
                id={field('count')}
                type="number"
                min={1}
                max={LIMITS.questionsPerSlot}
                className={`${FIELD} w-20`}
                value={slot.count}
                onChange={(e) => set({ count: e.target.valueAsNumber })}
              />
            </div>
          ) : (
            <div className={label}>
              <label htmlFor={field('seed')} className="font-medium">
                {t('seed')}
              </label>
              <input
                id={field('seed')}
                type="number"
                min={0}
                max={0xffff_ffff}
                className={`${FIELD} w-36 font-mono`}
                value={slot.seed}
                onChange={(e) => set({ seed: e.target.valueAsNumber })}
                data-testid="slot-seed"
              />
            </div>
          )}
          <div className={label}>
            <label htmlFor={field('points')} className="font-medium">
              {t('points')}
            </label>
            <input
              id={field('points')}
              type="number"
              min={0.5}
              step={0.5}
              max={LIMITS.points}
              className={`${FIELD} w-20`}
              value={slot.points}
              onChange={(e) => set({ points: e.target.valueAsNumber })}
            />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {slot.kind === 'fixed' ? (
            <>
              <button
                type="button"
                className={BUTTON}
                disabled={pending}
                onClick={() => showPreview(slot.seed)}
                data-testid="slot-preview"
              >
                {t('preview')}
              </button>
              <button
                type="button"
                className={BUTTON}
                disabled={pending}
                onClick={() => {
                  const seed = randomSeed();
                  set({ seed });
                  showPreview(seed);
                }}
                data-testid="slot-new-seed"
              >
                {t('newSeed')}
              </button>
            </>
          ) : null}
          <button
            type="button"
            className={BUTTON}
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={t('moveUp', { n: index + 1 })}
          >
            ↑
          </button>
          <button
            type="button"
            className={BUTTON}
            disabled={index === total - 1}
            onClick={() => onMove(1)}
            aria-label={t('moveDown', { n: index + 1 })}
          >
            ↓
          </button>
          <button
            type="button"
            className={DANGER}
            onClick={onRemove}
            aria-label={t('remove', { n: index + 1 })}
          >
            {t('removeShort')}
          </button>
        </div>
      </fieldset>
      <div aria-live="polite">
        {pending ? <p className="text-sm text-slate-600">{t('loading')}</p> : null}
        {!pending && preview?.status === 'error' ? (
          <p className="text-sm text-rose-700 dark:text-rose-300">{preview.message}</p>
        ) : null}
      </div>
      {!pending && preview?.status === 'ok' && slot.kind === 'fixed' ? (
        <QuestionCard
          heading={t('previewHeading', { seed: slot.seed })}
          question={preview.question}
          answer={preview.answer}
          explanation={preview.explanation}
          testId="slot-preview-card"
        />
      ) : null}
    </li>
  );
}
