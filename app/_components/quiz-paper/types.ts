// What the paper view renders: the shape lib/quiz's toPaper returns.
export type { Paper, PaperKeyEntry, PaperQuestion, PaperStudent } from '@/lib/quiz';
