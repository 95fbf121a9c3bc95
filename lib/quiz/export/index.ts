// The quiz export layer: a fixed question set as Moodle XML, GIFT, or printable paper data.
// Pure functions of their input (no clock, no I/O), so a route handler can stream the result.

export { escapeGift, unescapeGift } from './gift-escape';
export { toGift } from './gift';
export { toMoodleXml } from './moodle-xml';
export {
  toPaper,
  type Paper,
  type PaperKeyEntry,
  type PaperOption,
  type PaperQuestion,
  type PaperStudent,
  type PaperStudentInput,
} from './paper';
export type { ExportItem, ExportLocale, ExportSet } from './types';
