// The printable quiz paper (data from toPaper in lib/quiz/export).
export { PaperView, type PaperViewProps } from './paper-view';
export type { Paper, PaperKeyEntry, PaperQuestion, PaperStudent } from './types';
