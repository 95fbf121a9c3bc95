// The few sentences the exporters add around a question (hints, combined feedback), in both
// languages; the question's own text always comes from lib/questions.

import type { ExportLocale } from './types';

interface Strings {
  correct: string;
  partly: string;
  wrong: string;
  /** Shown beside an input whose key is "no value" (a SYN has no ack). */
  emptyField: string;
  unit: (unit: string) => string;
  /** GIFT has no multi-part question: a fields question becomes three, numbered like this. */
  part: (n: number, of: number, label: string) => string;
}

export const STRINGS: Readonly<Record<ExportLocale, Strings>> = {
  en: {
    correct: 'Correct.',
    partly: 'Partly right.',
    wrong: 'Not quite.',
    emptyField: 'Write - if the field is empty.',
    unit: (unit) => `Unit: ${unit}`,
    part: (n, of, label) => `Part ${n} of ${of}: ${label}`,
  },
  zh: {
    correct: '回答正确。',
    partly: '部分正确。',
    wrong: '回答错误。',
    emptyField: '该字段为空时填写 -。',
    unit: (unit) => `单位：${unit}`,
    part: (n, of, label) => `第 ${n}/${of} 部分：${label}`,
  },
};
