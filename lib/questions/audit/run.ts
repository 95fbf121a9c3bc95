// The validity audit as pure functions over a seed range: generate every template × difficulty
// × locale, then count wrong-by-oracle keys, invariance failures, identical-looking (and
// same-shape) questions with different keys, variety, option cues and topics.
// scripts/questions-audit.ts prints it; tests/unit/questions/looks-*.test.ts hold it to 500 seeds.

import { runSource } from '../build';
import { NOT_COVERED, oracleCheck } from '../oracle/check';
import { TEMPLATES, checkInvariance, generateQuestion } from '../registry';
import type { Question } from '../schema';
import {
  LOCALES,
  TEMPLATE_IDS,
  TOPICS,
  type Difficulty,
  type Locale,
  type TemplateId,
  type Topic,
} from '../types';
import { fingerprint, hash64, keyRep, structure } from './fingerprint';
import {
  MAX_EXAMPLES,
  MAX_KEY_SHARE,
  MIN_SAMPLE,
  MIN_STRUCTURES,
  maxCueShare,
  minPositionShare,
} from './floors';
import { LookGroups } from './groups';
import { shapeOf } from './shape';

export interface AuditOptions {
  /** How many seeds, from `seedStart` (default 0). */
  seeds: number;
  seedStart?: number;
  templates?: readonly TemplateId[];
  difficulties?: readonly Difficulty[];
  /** Check invariance on every n-th seed (1: all; 0: none). Default 1. */
  invarianceEvery?: number;
}

/** One question to reproduce: `npm run -s question -- <template> --seed N --locale L --difficulty D`. */
export interface Example {
  template: TemplateId;
  difficulty: Difficulty;
  seed: number;
  locale: Locale;
  note: string;
}

export function reproduce(e: Omit<Example, 'note'>): string {
  return `npm run -s question -- ${e.template} --seed ${e.seed} --locale ${e.locale} --difficulty ${e.difficulty}`;
}

export interface Tally {
  count: number;
  examples: Example[];
}

export type FloorName = 'position' | 'key-longest' | 'key-share' | 'structures' | 'topics';

export interface FloorResult {
  floor: FloorName;
  ok: boolean;
  detail: string;
}

export interface CellReport {
  template: TemplateId;
  difficulty: Difficulty;
  /** Seeds tried; `questions` of them generated (en). */
  seeds: number;
  questions: number;
  /** (g) generation threw. */
  errors: Tally;
  /** (a) */
  oracle: {
    agree: number;
    disagree: Tally;
    notCovered: Record<string, number>;
    /** Questions of a template the oracle covers that it could not read (focus, key text). */
    unreadable: Tally;
  };
  /** (b) `checked`: questions on which at least one variation applied. */
  invariance: { tried: number; checked: number; failures: Tally };
  /** (c) groups of identical-looking questions with different keys (both locales). */
  sameLook: Tally;
  sameLookByLocale: Record<Locale, number>;
  /** (c) groups of questions of one shape (`shapeOf`: up to ISNs and sizes) with different keys. */
  sameShape: Tally;
  sameShapeByLocale: Record<Locale, number>;
  /** (c) zh and en of one seed with different keys. */
  localeMismatch: Tally;
  /** (d) distinct structures per locale; `traced`: some question shows a trace. */
  structures: Record<Locale, number>;
  /** (d) distinct shapes per locale (`shapeOf`: numbers kept, ISNs and sizes written away). */
  shapes: Record<Locale, number>;
  traced: boolean;
  /** (e) choice questions only: correct position counts for the usual option count. */
  position: {
    options: number;
    n: number;
    counts: number[];
    maxShare: number;
    minShare: number;
    chiSquare: number;
  } | null;
  keyLongest: Record<Locale, { n: number; share: number }> | null;
  /** (d) every kind: how often the most common key (as the learner states it, en) is the key. */
  keyShare: { n: number; distinct: number; maxShare: number; key: string } | null;
  /** (f) */
  topics: Partial<Record<Topic, number>>;
  floors: FloorResult[];
}

export interface AuditReport {
  seeds: number;
  seedStart: number;
  invarianceEvery: number;
  cells: CellReport[];
  /** (f) for each topic, the cells ("template d2") whose questions carry it. */
  topicCoverage: { topic: Topic; cells: string[] }[];
  /** Template-level floors (a listed topic that no difficulty produces). */
  templateFloors: { template: TemplateId; floor: FloorResult }[];
  failed: boolean;
}

function tally(): Tally {
  return { count: 0, examples: [] };
}

function record(t: Tally, e: Example): void {
  t.count++;
  if (t.examples.length < MAX_EXAMPLES) t.examples.push(e);
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function optionTexts(q: Question): string[] | null {
  return q.kind === 'choice' ? q.options.map((o) => o.text) : null;
}

/** Strictly longest (in characters) among the options. */
function keyIsLongest(q: Question): boolean | null {
  if (q.kind !== 'choice') return null;
  const key = q.options.find((o) => o.id === q.answer.option);
  if (key === undefined) return null;
  return q.options.every((o) => o === key || o.text.length < key.text.length);
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

interface CellState {
  report: CellReport;
  structures: Record<Locale, Set<string>>;
  shapes: Record<Locale, Set<string>>;
  positions: { options: number; index: number }[];
  longest: Record<Locale, { n: number; hits: number }>;
  keys: Map<string, number>;
}

function newCell(template: TemplateId, difficulty: Difficulty): CellState {
  return {
    report: {
      template,
      difficulty,
      seeds: 0,
      questions: 0,
      errors: tally(),
      oracle: { agree: 0, disagree: tally(), notCovered: {}, unreadable: tally() },
      invariance: { tried: 0, checked: 0, failures: tally() },
      sameLook: tally(),
      sameLookByLocale: { zh: 0, en: 0 },
      sameShape: tally(),
      sameShapeByLocale: { zh: 0, en: 0 },
      localeMismatch: tally(),
      structures: { zh: 0, en: 0 },
      shapes: { zh: 0, en: 0 },
      traced: false,
      position: null,
      keyLongest: null,
      keyShare: null,
      topics: {},
      floors: [],
    },
    structures: { zh: new Set(), en: new Set() },
    shapes: { zh: new Set(), en: new Set() },
    positions: [],
    longest: { zh: { n: 0, hits: 0 }, en: { n: 0, hits: 0 } },
    keys: new Map(),
  };
}

/** (c) look-alike groups of one template, per locale: exact views and shapes. */
interface Groups {
  look: Record<Locale, LookGroups<Example>>;
  shape: Record<Locale, LookGroups<Example>>;
}

/** Audit one question (both locales of one seed) into its cell. */
function auditSeed(cell: CellState, groups: Groups, seed: number, checkInv: boolean): void {
  const r = cell.report;
  const { template, difficulty } = r;
  const ex = (locale: Locale, note: string): Example => ({
    template,
    difficulty,
    seed,
    locale,
    note,
  });
  r.seeds++;
  const qs: Partial<Record<Locale, Question>> = {};
  for (const locale of LOCALES) {
    try {
      qs[locale] = generateQuestion(template, { seed, locale, difficulty });
    } catch (e) {
      record(r.errors, ex(locale, message(e)));
    }
  }
  const en = qs.en;
  if (en === undefined) return;
  r.questions++;
  for (const t of en.topics) r.topics[t] = (r.topics[t] ?? 0) + 1;

  // (a) the oracle, on the en question (zh is the same question).
  try {
    const v = oracleCheck(en, runSource(en.source));
    if (v.status === 'agree') r.oracle.agree++;
    else if (v.status === 'disagree')
      record(r.oracle.disagree, ex('en', `key ${v.got}; oracle ${v.expected} (${v.detail})`));
    else {
      r.oracle.notCovered[v.reason] = (r.oracle.notCovered[v.reason] ?? 0) + 1;
      // A covered template's question the oracle cannot read is lost coverage, not a pass.
      if (NOT_COVERED[template] === undefined) record(r.oracle.unreadable, ex('en', v.reason));
    }
  } catch (e) {
    record(r.oracle.disagree, ex('en', `oracle failed: ${message(e)}`));
  }

  // (b) answer invariance, once per seed.
  if (checkInv) {
    r.invariance.tried++;
    try {
      const inv = checkInvariance(en);
      if (inv.checked > 0) r.invariance.checked++;
      if (!inv.ok) {
        const f = inv.failures[0];
        const what = f?.error ?? JSON.stringify(f?.got);
        record(r.invariance.failures, ex('en', `${f?.variation ?? '?'}: ${what}`));
      }
    } catch (e) {
      record(r.invariance.failures, ex('en', `checkInvariance threw: ${message(e)}`));
    }
  }

  // (c) zh and en must be one question.
  const zh = qs.zh;
  if (zh !== undefined && JSON.stringify(zh.answer) !== JSON.stringify(en.answer))
    record(
      r.localeMismatch,
      ex('zh', `zh key ${JSON.stringify(zh.answer)} ≠ en ${JSON.stringify(en.answer)}`),
    );

  for (const locale of LOCALES) {
    const q = qs[locale];
    if (q === undefined) continue;
    const fp = fingerprint(q);
    groups.look[locale].add(fp, keyRep(q), ex(locale, ''));
    cell.structures[locale].add(hash64(structure(fp)));
    const shape = shapeOf(q);
    groups.shape[locale].add(shape.view, shape.key, ex(locale, ''));
    cell.shapes[locale].add(hash64(shape.view));
    if (q.trace !== null) r.traced = true;
    const longest = keyIsLongest(q);
    if (longest !== null) {
      cell.longest[locale].n++;
      if (longest) cell.longest[locale].hits++;
    }
  }
  const k = keyRep(en).text;
  cell.keys.set(k, (cell.keys.get(k) ?? 0) + 1);
  const texts = optionTexts(en);
  if (texts !== null && en.kind === 'choice')
    cell.positions.push({
      options: texts.length,
      index: en.options.findIndex((o) => o.id === en.answer.option),
    });
}

function finishCell(cell: CellState, full: boolean): CellReport {
  const r = cell.report;
  r.structures = { zh: cell.structures.zh.size, en: cell.structures.en.size };
  r.shapes = { zh: cell.shapes.zh.size, en: cell.shapes.en.size };
  if (cell.positions.length > 0) {
    const k = mode(cell.positions.map((p) => p.options));
    const usual = cell.positions.filter((p) => p.options === k);
    const counts = new Array<number>(k).fill(0);
    for (const p of usual) if (p.index >= 0) counts[p.index]!++;
    const n = usual.length;
    const expected = n / k;
    const chiSquare = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    r.position = {
      options: k,
      n,
      counts,
      maxShare: Math.max(...counts) / n,
      minShare: Math.min(...counts) / n,
      chiSquare,
    };
    r.keyLongest = {
      zh: { n: cell.longest.zh.n, share: cell.longest.zh.hits / Math.max(1, cell.longest.zh.n) },
      en: { n: cell.longest.en.n, share: cell.longest.en.hits / Math.max(1, cell.longest.en.n) },
    };
  }
  if (cell.keys.size > 0) {
    let key = '';
    let top = 0;
    let n = 0;
    for (const [k, c] of cell.keys) {
      n += c;
      if (c > top) [key, top] = [k, c];
    }
    r.keyShare = { n, distinct: cell.keys.size, maxShare: top / n, key };
  }
  // Floors are judged on a full sample only (MIN_SAMPLE questions).
  if (full && r.questions >= MIN_SAMPLE) {
    if (r.position !== null) {
      const limit = maxCueShare(r.position.options);
      const least = minPositionShare(r.position.options);
      r.floors.push({
        floor: 'position',
        ok: r.position.maxShare <= limit && r.position.minShare >= least,
        detail: `correct-position shares ${r.position.minShare.toFixed(2)}..${r.position.maxShare.toFixed(2)} (limits ${least.toFixed(2)}..${limit.toFixed(2)}, ${r.position.options} options)`,
      });
    }
    if (r.keyLongest !== null && r.position !== null) {
      const limit = maxCueShare(r.position.options);
      const worst = Math.max(r.keyLongest.en.share, r.keyLongest.zh.share);
      r.floors.push({
        floor: 'key-longest',
        ok: worst <= limit,
        detail: `key strictly longest in ${(r.keyLongest.en.share * 100).toFixed(1)} % (en), ${(r.keyLongest.zh.share * 100).toFixed(1)} % (zh) (limit ${(limit * 100).toFixed(0)} %)`,
      });
    }
    if (r.keyShare !== null)
      r.floors.push({
        floor: 'key-share',
        ok: r.keyShare.maxShare <= MAX_KEY_SHARE,
        detail: `"${r.keyShare.key}" is the key of ${(r.keyShare.maxShare * 100).toFixed(1)} % (limit ${(MAX_KEY_SHARE * 100).toFixed(0)} %; ${r.keyShare.distinct} distinct keys)`,
      });
    if (r.traced)
      r.floors.push({
        floor: 'structures',
        ok: r.structures.en >= MIN_STRUCTURES,
        detail: `${r.structures.en} distinct structures (at least ${MIN_STRUCTURES})`,
      });
  }
  return r;
}

/** Audit one template over the seed range (all its difficulties, or the chosen ones). */
export function auditTemplate(
  template: TemplateId,
  options: AuditOptions,
): { cells: CellReport[]; floors: FloorResult[] } {
  const def = TEMPLATES[template];
  const start = options.seedStart ?? 0;
  const every = options.invarianceEvery ?? 1;
  const difficulties = def.difficulties.filter(
    (d) => options.difficulties === undefined || options.difficulties.includes(d),
  );
  const groups: Groups = {
    look: { zh: new LookGroups(), en: new LookGroups() },
    shape: { zh: new LookGroups(), en: new LookGroups() },
  };
  const cells = new Map<Difficulty, CellState>();
  for (const d of difficulties) {
    const cell = newCell(template, d);
    cells.set(d, cell);
    for (let i = 0; i < options.seeds; i++)
      auditSeed(cell, groups, start + i, every > 0 && i % every === 0);
  }
  // (c) a group lands in the cell of its first member.
  const conflicts = (
    look: Record<Locale, LookGroups<Example>>,
    tallyOf: (r: CellReport) => Tally,
    byLocale: (r: CellReport) => Record<Locale, number>,
    what: string,
  ) => {
    for (const locale of LOCALES)
      for (const g of look[locale].conflicts()) {
        const first = g.members[0]!.example;
        const keys = g.members
          .slice(0, 3)
          .map((m) => `seed ${m.example.seed} d${m.example.difficulty}: ${m.key.text}`);
        if (g.members.length > 3) keys.push(`… ${g.members.length} keys in all`);
        const cell = cells.get(first.difficulty)!;
        byLocale(cell.report)[locale]++;
        record(tallyOf(cell.report), {
          ...first,
          note: `${g.size} ${what}; keys ${keys.join(' / ')}`,
        });
      }
  };
  conflicts(
    groups.look,
    (r) => r.sameLook,
    (r) => r.sameLookByLocale,
    'look alike',
  );
  conflicts(
    groups.shape,
    (r) => r.sameShape,
    (r) => r.sameShapeByLocale,
    'share a shape (up to ISNs and sizes)',
  );
  const full = options.seeds >= MIN_SAMPLE;
  const reports = difficulties.map((d) => finishCell(cells.get(d)!, full));
  const floors: FloorResult[] = [];
  if (full && difficulties.length === def.difficulties.length) {
    const produced = new Set(reports.flatMap((r) => Object.keys(r.topics)));
    const missing = def.topics.filter((t) => !produced.has(t));
    floors.push({
      floor: 'topics',
      ok: missing.length === 0,
      detail:
        missing.length === 0
          ? 'every listed topic is produced'
          : `listed but never produced: ${missing.join(', ')}`,
    });
  }
  return { cells: reports, floors };
}

function lines(label: string, t: Tally): string[] {
  return t.examples.map((e) => `${label} (${t.count} in all): ${reproduce(e)} — ${e.note}`);
}

/** A cell's failures of (a), (b), (c) and generation, each as a command that reproduces it. */
export function validityFailures(c: CellReport): string[] {
  return [
    ...lines('generation error', c.errors),
    ...lines('oracle disagrees', c.oracle.disagree),
    ...lines('oracle cannot read it', c.oracle.unreadable),
    ...lines('key moves under a hidden variation', c.invariance.failures),
    ...lines('looks the same, other key', c.sameLook),
    ...lines('same shape up to ISNs and sizes, other key', c.sameShape),
    ...lines('zh and en keys differ', c.localeMismatch),
  ];
}

/** Whether a cell has any failure of (a), (b), (c), (g) or a missed floor. */
export function cellFailed(c: CellReport): boolean {
  return (
    c.errors.count > 0 ||
    c.oracle.disagree.count > 0 ||
    c.oracle.unreadable.count > 0 ||
    c.invariance.failures.count > 0 ||
    c.sameLook.count > 0 ||
    c.sameShape.count > 0 ||
    c.localeMismatch.count > 0 ||
    c.floors.some((f) => !f.ok)
  );
}

/** The whole audit. */
export function runAudit(options: AuditOptions): AuditReport {
  const templates = options.templates ?? TEMPLATE_IDS;
  const cells: CellReport[] = [];
  const templateFloors: AuditReport['templateFloors'] = [];
  for (const t of templates) {
    const r = auditTemplate(t, options);
    cells.push(...r.cells);
    for (const floor of r.floors) templateFloors.push({ template: t, floor });
  }
  const topicCoverage = TOPICS.map((topic) => ({
    topic,
    cells: cells
      .filter((c) => (c.topics[topic] ?? 0) > 0)
      .map((c) => `${c.template} d${c.difficulty}`),
  }));
  return {
    seeds: options.seeds,
    seedStart: options.seedStart ?? 0,
    invarianceEvery: options.invarianceEvery ?? 1,
    cells,
    topicCoverage,
    templateFloors,
    failed: cells.some(cellFailed) || templateFloors.some((f) => !f.floor.ok),
  };
}
