// `npm run bench`: runs every benchmark part and rewrites docs/BENCHMARKS.md with the results,
// the machine, the date and the command. Later parts add themselves to PARTS.

import { writeFileSync } from 'node:fs';
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

/** `npm run bench -- engine pages` runs only those parts (and does not rewrite the doc). */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
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
  if (only.length > 0) return;
  writeFileSync(new URL('../../docs/BENCHMARKS.md', import.meta.url), doc);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
