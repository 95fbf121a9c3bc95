// What the paper view renders: the shape lib/quiz/export's toPaper returns, restated here
// because app code may import lib only through module indexes (@/lib/quiz does not re-export
// the export layer); tests/unit/quiz-export/paper-view.test.ts checks the two stay in step.
import type { Kind } from '@/lib/questions';

export interface PaperQuestion {
  number: number;
  label: string;
  points: number;
  kind: Kind;
  locale: 'zh' | 'en';
  stem: string;
  ladder: string | null;
  options: { letter: string; text: string }[];
  fields: string[];
  unit: string | null;
}

export interface PaperKeyEntry {
  number: number;
  label: string;
  points: number;
  answer: string;
  explanation: string;
  misconceptions: { letter: string; text: string }[];
}

export interface PaperStudent {
  name: string;
  questions: PaperQuestion[];
  key: PaperKeyEntry[];
  totalPoints: number;
}

export interface Paper {
  students: PaperStudent[];
}
