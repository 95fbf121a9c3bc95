// `npm run bench`: runs every benchmark part and rewrites docs/BENCHMARKS.md with the results,
// the machine, the date and the command. Later parts add themselves to PARTS.

import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { runEngineBench, type BenchSection } from './engine';
import { runLoadBench } from './load';
import { runPagesBench } from './pages';
import { runQuestionsBench } from './questions';

const PARTS: Record<string, () => BenchSection | Promise<BenchSection>> = {
  engine: () => runEngineBench(),
  questions: () => runQuestionsBench(),
  pages: () => runPagesBench(),
  load: () => runLoadBench(),
};

const DOC = new URL('../../docs/BENCHMARKS.md', import.meta.url);

/**
 * Replaces the named sections of the existing doc, keeping the others, and records the
 * date and command of this partial run under each replaced section's heading.
 */
function updateSections(sections: readonly BenchSection[], command: string): void {
  let doc = readFileSync(DOC, 'utf8');
  for (const s of sections) {
    const heading = `## ${s.title}\n`;
    const start = doc.indexOf(heading);
    const body = `${heading}\n_Measured ${new Date().toISOString()} by \`${command}\`._\n\n${s.markdown}\n\n`;
    if (start < 0) {
      doc = `${doc.trimEnd()}\n\n${body}`;
      continue;
    }
    const next = doc.indexOf('\n## ', start + heading.length);
    doc = doc.slice(0, start) + body + (next < 0 ? '' : doc.slice(next + 1));
  }
  writeFileSync(DOC, `${doc.trimEnd()}\n`);
}

/**
 * `npm run bench -- engine pages` runs only those parts and prints them; add `--update` to
 * replace just their sections in docs/BENCHMARKS.md.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const update = args.includes('--update');
  const only = args.filter((a) => a !== '--update');
  for (const name of only) {
    if (!(name in PARTS))
      throw new Error(`unknown part ${name}; parts: ${Object.keys(PARTS).join(', ')}`);
  }
  const sections: BenchSection[] = [];
  for (const [name, part] of Object.entries(PARTS)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const s = await part();
    sections.push(s);
    process.stdout.write(`## ${s.title}\n\n${s.markdown}\n\n`);
  }
  const cpu = cpus()[0];
  const doc = [
    '# Benchmarks',
    '',
    'Rewritten by `npm run bench` (scripts/bench/index.ts); do not edit by hand.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu?.model ?? 'unknown CPU'} (${cpus().length} logical CPUs reported; one used), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${osType()} ${release()}`,
    `- Runtime: Node ${process.version} via tsx`,
    '- Command: `npm run bench`',
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.markdown, '']),
  ].join('\n');
  if (only.length > 0) {
    if (update) updateSections(sections, `npm run bench -- ${only.join(' ')} --update`);
    return;
  }
  writeFileSync(DOC, doc);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
