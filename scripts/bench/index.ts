// `npm run bench`: runs every benchmark part and rewrites docs/BENCHMARKS.md with the results,
// the machine, the date and the command. Later parts add themselves to PARTS.

import { writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { runEngineBench, type BenchSection } from './engine';
import { runQuestionsBench } from './questions';

const PARTS: Array<() => BenchSection> = [() => runEngineBench(), () => runQuestionsBench()];

function main(): void {
  const sections: BenchSection[] = [];
  for (const part of PARTS) {
    const s = part();
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
  writeFileSync(new URL('../../docs/BENCHMARKS.md', import.meta.url), doc);
}

main();
