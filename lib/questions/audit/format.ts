// The audit report as readable text: one table row per template × difficulty, then the
// failures with a command to reproduce each, what the oracle does not cover, and topics.

import { cellFailed, reproduce, type AuditReport, type CellReport, type Tally } from './run';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padl(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}
const pct = (x: number) => `${Math.round(x * 100)}%`;

const COLUMNS: [string, number, boolean][] = [
  ['template', 18, false],
  ['d', 2, true],
  ['n', 6, true],
  ['err', 5, true],
  ['oracle✗', 8, true],
  ['not-cov', 8, true],
  ['invar✗', 7, true],
  ['inv-chk', 8, true],
  ['look✗', 7, true],
  ['shape✗', 7, true],
  ['zh≠en', 6, true],
  ['struct', 7, true],
  ['shapes', 7, true],
  ['pos-max', 8, true],
  ['longest', 9, true],
  ['key-max', 7, true],
  ['', 5, false],
];

function row(cells: string[]): string {
  return cells
    .map((c, i) => {
      const [, w, right] = COLUMNS[i]!;
      return right ? padl(c, w) : pad(c, w);
    })
    .join(' ')
    .trimEnd();
}

function cellRow(c: CellReport): string {
  const notCovered = Object.values(c.oracle.notCovered).reduce((a, b) => a + b, 0);
  return row([
    c.template,
    String(c.difficulty),
    String(c.questions),
    String(c.errors.count),
    String(c.oracle.disagree.count),
    String(notCovered),
    String(c.invariance.failures.count),
    `${c.invariance.checked}/${c.invariance.tried}`,
    `${c.sameLookByLocale.en}/${c.sameLookByLocale.zh}`,
    `${c.sameShapeByLocale.en}/${c.sameShapeByLocale.zh}`,
    String(c.localeMismatch.count),
    `${c.structures.en}${c.traced ? '' : '*'}`,
    String(c.shapes.en),
    c.position === null ? '-' : `${c.position.maxShare.toFixed(2)}/${c.position.options}`,
    c.keyLongest === null ? '-' : `${pct(c.keyLongest.en.share)}/${pct(c.keyLongest.zh.share)}`,
    c.keyShare === null ? '-' : pct(c.keyShare.maxShare),
    cellFailed(c) ? 'FAIL' : 'ok',
  ]);
}

function examples(label: string, t: Tally, out: string[]): void {
  if (t.count === 0) return;
  out.push(`  ${label}: ${t.count}`);
  for (const e of t.examples) {
    out.push(`    ${reproduce(e)}`);
    if (e.note !== '') out.push(`      ${e.note}`);
  }
}

/** The report as text (what `npm run questions:audit` prints). */
export function formatReport(r: AuditReport): string {
  const out: string[] = [];
  const last = r.seedStart + r.seeds - 1;
  out.push(
    `Validity audit: seeds ${r.seedStart}..${last} per template × difficulty, locales en and zh` +
      (r.invarianceEvery > 1 ? `, invariance on every ${r.invarianceEvery}th seed` : ''),
    '',
    row(COLUMNS.map(([h]) => h)),
    row(COLUMNS.map(([, w]) => '-'.repeat(w))),
  );
  for (const c of r.cells) out.push(cellRow(c));
  out.push(
    '',
    'oracle✗ wrong key by the RFC 9293 oracle (a) · not-cov questions the oracle does not cover · ' +
      'invar✗ invariance failures (b), inv-chk questions on which a hidden variation applied · ' +
      'look✗ groups of identical-looking questions with different keys, en/zh (c), shape✗ the same ' +
      'for questions alike up to ISNs and payload sizes (c), zh≠en keys differ between locales · ' +
      'struct distinct structures (en; * no trace shown), shapes distinct shapes (en) (d) · pos-max largest ' +
      'share of one correct position / options, longest key strictly longest en/zh (e) · ' +
      'key-max share of the most common key (d)',
  );

  const failing = r.cells.filter(cellFailed);
  if (failing.length > 0) out.push('', 'Failures (reproduce with the command shown):');
  for (const c of failing) {
    out.push(`${c.template} d${c.difficulty}`);
    examples('generation errors', c.errors, out);
    examples('oracle disagreements', c.oracle.disagree, out);
    examples('oracle cannot read a question of a covered template', c.oracle.unreadable, out);
    examples('invariance failures', c.invariance.failures, out);
    examples('identical-looking, different keys', c.sameLook, out);
    examples('one shape up to ISNs and payload sizes, different keys', c.sameShape, out);
    examples('zh and en keys differ', c.localeMismatch, out);
    for (const f of c.floors) if (!f.ok) out.push(`  floor ${f.floor}: ${f.detail}`);
  }
  for (const { template, floor } of r.templateFloors)
    if (!floor.ok) out.push(`${template}: floor ${floor.floor}: ${floor.detail}`);

  const notCovered = new Map<string, string[]>();
  for (const c of r.cells)
    for (const [reason, n] of Object.entries(c.oracle.notCovered)) {
      const list = notCovered.get(reason) ?? [];
      list.push(`${c.template} d${c.difficulty} (${n})`);
      notCovered.set(reason, list);
    }
  if (notCovered.size > 0) {
    out.push('', 'Not covered by the oracle (reported, not passed):');
    for (const [reason, cells] of notCovered) out.push(`  ${reason}: ${cells.join(', ')}`);
  }

  out.push('', 'Topic coverage (template × difficulty whose questions carry the topic):');
  for (const { topic, cells } of r.topicCoverage)
    out.push(`  ${pad(topic, 17)} ${cells.length === 0 ? '(none)' : cells.join(', ')}`);

  out.push('', r.failed ? 'RESULT: FAIL' : 'RESULT: ok');
  return out.join('\n');
}
