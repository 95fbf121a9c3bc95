// The quiz builder's editable form state and its conversions: from a stored quiz, and to
// the payload the save action checks. Times travel as ISO instants, so the browser's time
// zone is applied in the browser (datetime-local has none) and never guessed on the server.
import type { Difficulty, TemplateId, Topic } from '@/lib/questions';
import type { GradingMethod, QuizSettings, ReviewWhen, SlotSpec } from '@/lib/quiz';

export type SettingsDraft = {
  title: string;
  description: string;
  /** Minutes as typed; empty means no time limit. */
  timeLimitMin: string;
  /** ISO instants (UTC), or null for "no limit". */
  opensAt: string | null;
  closesAt: string | null;
  /** As typed; 0 means unlimited. */
  attemptsAllowed: string;
  gradingMethod: GradingMethod;
  shuffle: boolean;
  reviewWhen: ReviewWhen;
  reviewAnswers: boolean;
  reviewExplanation: boolean;
};

/** One slot row; fields of the other kind are kept so switching kinds loses nothing. */
export type SlotDraft = {
  key: string;
  kind: 'random' | 'fixed';
  /** A random slot draws from one template, or from every template on a topic. */
  source: 'template' | 'topic';
  template: TemplateId;
  topic: Topic;
  difficulty: Difficulty;
  count: number;
  seed: number;
  points: number;
};

export type QuizPayload = {
  settings: Omit<QuizSettings, 'opensAt' | 'closesAt'> & {
    opensAt: string | null;
    closesAt: string | null;
  };
  slots: SlotSpec[];
};

export const NEW_SETTINGS: SettingsDraft = {
  title: '',
  description: '',
  timeLimitMin: '',
  opensAt: null,
  closesAt: null,
  attemptsAllowed: '1',
  gradingMethod: 'highest',
  shuffle: true,
  reviewWhen: 'after_close',
  reviewAnswers: true,
  reviewExplanation: true,
};

export function settingsDraftOf(s: QuizSettings): SettingsDraft {
  return {
    title: s.title,
    description: s.description,
    timeLimitMin: s.timeLimitSec === null ? '' : String(Math.round(s.timeLimitSec / 60)),
    opensAt: s.opensAt?.toISOString() ?? null,
    closesAt: s.closesAt?.toISOString() ?? null,
    attemptsAllowed: String(s.attemptsAllowed),
    gradingMethod: s.gradingMethod,
    shuffle: s.shuffle,
    reviewWhen: s.reviewWhen,
    reviewAnswers: s.reviewAnswers,
    reviewExplanation: s.reviewExplanation,
  };
}

export function slotDraftOf(slot: SlotSpec, key: string, fallbackTopic: Topic): SlotDraft {
  if (slot.kind === 'fixed')
    return {
      key,
      kind: 'fixed',
      source: 'template',
      template: slot.template,
      topic: fallbackTopic,
      difficulty: slot.difficulty,
      count: 1,
      seed: slot.seed,
      points: slot.points,
    };
  return {
    key,
    kind: 'random',
    source: slot.template === null ? 'topic' : 'template',
    template: slot.template ?? 'next-state',
    topic: slot.topic ?? fallbackTopic,
    difficulty: slot.difficulty,
    count: slot.count,
    seed: 1,
    points: slot.points,
  };
}

/** A number typed in a field; NaN (caught by the server's schema) when it is not one. */
const num = (typed: string) => (typed.trim() === '' ? Number.NaN : Number(typed));

export function payloadOf(settings: SettingsDraft, slots: readonly SlotDraft[]): QuizPayload {
  const minutes = settings.timeLimitMin.trim();
  return {
    settings: {
      title: settings.title,
      description: settings.description,
      timeLimitSec: minutes === '' ? null : Math.round(num(minutes) * 60),
      opensAt: settings.opensAt,
      closesAt: settings.closesAt,
      attemptsAllowed: num(settings.attemptsAllowed),
      gradingMethod: settings.gradingMethod,
      shuffle: settings.shuffle,
      reviewWhen: settings.reviewWhen,
      reviewAnswers: settings.reviewAnswers,
      reviewExplanation: settings.reviewExplanation,
    },
    slots: slots.map((s): SlotSpec =>
      s.kind === 'fixed'
        ? {
            kind: 'fixed',
            template: s.template,
            seed: s.seed,
            difficulty: s.difficulty,
            points: s.points,
          }
        : {
            kind: 'random',
            template: s.source === 'template' ? s.template : null,
            topic: s.source === 'topic' ? s.topic : null,
            difficulty: s.difficulty,
            count: s.count,
            points: s.points,
          },
    ),
  };
}

/** datetime-local's value ("2026-03-01T09:30") for an instant, in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The instant a datetime-local value names in the browser's zone (the spec reads it so). */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
