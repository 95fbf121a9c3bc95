// `npm run questions:audit [-- --seeds N] [--template id]… [--difficulty d] [--json]
// [--invariance-every n] [--start s]`: runs lib/questions/audit and prints it; exit 1 on a failure.

import { TEMPLATE_IDS, isTemplateId, type Difficulty, type TemplateId } from '@/lib/questions';
import { formatReport } from '@/lib/questions/audit/format';
import { runAudit, type AuditOptions } from '@/lib/questions/audit/run';

const USAGE =
  'usage: questions:audit [--seeds N] [--template id]... [--difficulty 1-3] [--json] [--invariance-every n] [--start s]';

class UsageError extends Error {}

function count(flag: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min)
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got "${v}"`);
  return Number(v);
}

function parseArgs(argv: string[]): { options: AuditOptions; json: boolean } {
  const templates: TemplateId[] = [];
  const difficulties: Difficulty[] = [];
  const options: AuditOptions = { seeds: 2000 };
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--seeds':
        options.seeds = count(a, value(), 1);
        break;
      case '--start':
        options.seedStart = count(a, value(), 0);
        break;
      case '--invariance-every':
        options.invarianceEvery = count(a, value(), 0);
        break;
      case '--template': {
        const v = value();
        if (!isTemplateId(v))
          throw new UsageError(`unknown template "${v}" (known: ${TEMPLATE_IDS.join(', ')})`);
        templates.push(v);
        break;
      }
      case '--difficulty': {
        const v = value();
        if (v !== '1' && v !== '2' && v !== '3')
          throw new UsageError(`--difficulty must be 1, 2 or 3, got "${v}"`);
        difficulties.push(v === '1' ? 1 : v === '2' ? 2 : 3);
        break;
      }
      case '--json':
        json = true;
        break;
      default:
        throw new UsageError(`unexpected argument "${a}"`);
    }
  }
  if (templates.length > 0) options.templates = templates;
  if (difficulties.length > 0) options.difficulties = difficulties;
  return { options, json };
}

function main(): number {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  const report = runAudit(args.options);
  process.stdout.write(
    args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`,
  );
  return report.failed ? 1 : 0;
}

process.exitCode = main();
