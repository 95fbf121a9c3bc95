// `npm run -s sim -- <scenario-name | --file path> [--seed N] [--profile linux|rfc]
//  [--set key=value ...] [--json]`: runs the engine and prints a ladder diagram (or the trace
// JSON). Any problem exits non-zero with one line naming what is wrong.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  EngineError,
  getScenario,
  renderLadderText,
  simulate,
  type Profile,
  type ScenarioFile,
} from '@/lib/engine';

interface Args {
  name: string | undefined;
  file: string | undefined;
  seed: number | string;
  profile: Profile | undefined;
  set: Record<string, string>;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    name: undefined,
    file: undefined,
    seed: 1,
    profile: undefined,
    set: {},
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--file') args.file = value();
    else if (a === '--seed') {
      const v = value();
      args.seed = /^-?\d+$/.test(v) ? Number(v) : v;
    } else if (a === '--profile') {
      const v = value();
      if (v !== 'linux' && v !== 'rfc')
        throw new UsageError(`--profile: expected "linux" or "rfc", got "${v}"`);
      args.profile = v;
    } else if (a === '--set') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq <= 0) throw new UsageError(`--set: expected key=value, got "${v}"`);
      args.set[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (args.name === undefined) args.name = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if ((args.name === undefined) === (args.file === undefined)) {
    throw new UsageError(
      'usage: npm run -s sim -- <scenario-name | --file path> [--seed N] [--profile linux|rfc] [--set key=value ...] [--json]',
    );
  }
  return args;
}

function loadFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `${path}: not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

function main(): number {
  try {
    const args = parseArgs(process.argv.slice(2));
    const scenario: ScenarioFile | unknown =
      args.file !== undefined ? loadFile(args.file) : getScenario(args.name ?? '');
    const options = {
      seed: args.seed,
      set: args.set,
      ...(args.profile !== undefined ? { profile: args.profile } : {}),
    };
    const trace = simulate(scenario, options);
    process.stdout.write(
      args.json ? `${JSON.stringify(trace, null, 2)}\n` : `${renderLadderText(trace)}\n`,
    );
    return 0;
  } catch (e) {
    const where = e instanceof EngineError || e instanceof UsageError ? '' : 'internal error: ';
    process.stderr.write(`sim: ${where}${(e as Error).message}\n`);
    return e instanceof UsageError || e instanceof EngineError ? 2 : 1;
  }
}

process.exitCode = main();
