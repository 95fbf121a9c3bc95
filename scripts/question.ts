// `npm run -s question -- <template> [--seed N] [--locale zh|en] [--difficulty 1-3] [--json]`
// prints one generated question; `--list --json` prints the templates. Bad input: one line, exit 2.

import {
  generateQuestion,
  isTemplateId,
  listTemplates,
  type Difficulty,
  type Locale,
  type Question,
} from '@/lib/questions';

const USAGE =
  'usage: question <template> [--seed N] [--locale zh|en] [--difficulty 1-3] [--json] | question --list [--json]';

class UsageError extends Error {}

interface Args {
  list: boolean;
  json: boolean;
  template?: string;
  seed: number | string;
  locale: Locale;
  difficulty: Difficulty;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { list: false, json: false, seed: 1, locale: 'zh', difficulty: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--list':
        args.list = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--seed': {
        const v = value();
        // Integers stay numbers; anything else is a string seed (e.g. a hashSeed input).
        args.seed = /^-?\d+$/.test(v) ? Number(v) : v;
        break;
      }
      case '--locale': {
        const v = value();
        if (v !== 'zh' && v !== 'en') throw new UsageError(`--locale must be zh or en, got "${v}"`);
        args.locale = v;
        break;
      }
      case '--difficulty': {
        const v = value();
        if (v !== '1' && v !== '2' && v !== '3')
          throw new UsageError(`--difficulty must be 1, 2 or 3, got "${v}"`);
        args.difficulty = v === '1' ? 1 : v === '2' ? 2 : 3;
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        if (args.template !== undefined) throw new UsageError(`unexpected argument "${a}"`);
        args.template = a;
    }
  }
  return args;
}

function readable(q: Question): string {
  const out = [
    `${q.template} — seed ${q.seed}, ${q.locale}, difficulty ${q.difficulty} (${q.kind})`,
  ];
  out.push(`topics: ${q.topics.join(', ')}   lesson: ${q.lesson}`, '', q.stem);
  if (q.trace !== null) {
    out.push('', `trace (${q.trace.scenario}, ${q.trace.segments.length} segments shown):`);
    q.trace.segments.forEach((s, i) => {
      const ack = s.abs_ack === null ? '' : ` ack ${s.abs_ack}`;
      const drop = s.dropped ? '  ✗ lost' : '';
      out.push(
        `  #${i + 1} ${s.t.toFixed(4)}  ${s.from} > ${s.to}  ${s.flags} seq ${s.abs_seq}${ack} len ${s.len}${drop}`,
      );
    });
  }
  out.push('');
  switch (q.kind) {
    case 'choice':
    case 'multi':
    case 'order':
      for (const o of q.options) out.push(`  ${o.id}) ${o.text}`);
      break;
    case 'fields':
      for (const f of q.fields) out.push(`  [${f.label}]`);
      break;
    case 'numeric':
      out.push(`  [number${q.unit === undefined ? '' : ` ${q.unit}`}]`);
      break;
  }
  out.push('', `answer: ${JSON.stringify(q.answer)}`, '', q.explanation);
  const m = Object.entries(q.misconceptions);
  if (m.length > 0) out.push('', 'misconceptions:', ...m.map(([k, v]) => `  ${k}: ${v}`));
  return out.join('\n');
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.list) {
      const list = listTemplates();
      process.stdout.write(
        args.json
          ? `${JSON.stringify(list, null, 2)}\n`
          : list.map((t) => `${t.id}  [${t.kinds.join(', ')}]  ${t.topics.join(', ')}`).join('\n') +
              '\n',
      );
      return 0;
    }
    if (args.template === undefined) throw new UsageError(USAGE);
    if (!isTemplateId(args.template))
      throw new UsageError(
        `unknown template "${args.template}" (known: ${listTemplates()
          .map((t) => t.id)
          .join(', ')})`,
      );
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`question: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const q = generateQuestion(args.template, {
    seed: args.seed,
    locale: args.locale,
    difficulty: args.difficulty,
  });
  process.stdout.write(args.json ? `${JSON.stringify(q, null, 2)}\n` : `${readable(q)}\n`);
  return 0;
}

process.exitCode = main();
