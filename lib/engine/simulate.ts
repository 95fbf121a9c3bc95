// Entry point of one run: validate (or take a parsed) scenario, apply --set overrides,
// resolve randomisable values from the seed, simulate, and build the trace.

import { resolveCongestion, runRounds } from './congestion';
import { ScenarioError } from './errors';
import { RunBudget } from './limits';
import { resolveScenario } from './resolve';
import { createRng } from './rng';
import { parseScenario, type ScenarioFile } from './scenario-schema';
import { World } from './world';
import { isSysctlName } from './sysctl';
import { buildTrace } from './trace';
import type { Profile, Trace } from './trace-schema';

export interface SimulateOptions {
  seed?: number | string;
  profile?: Profile;
  /** Overrides such as `client.tcp_syn_retries=3`, `isn.client=1000`, `link.delay=0.01`. */
  set?: Record<string, string | number>;
  /** Throw INTERNAL when a state change is missing from TRANSITIONS (tests, development). */
  checkTransitions?: boolean;
}

function parseNumber(key: string, value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n))
    throw new ScenarioError(
      `--set ${key}`,
      `expected a number, got ${JSON.stringify(value)}`,
      'SET_INVALID',
    );
  return n;
}

/** Apply --set overrides to a scenario object (before validation, so errors name the field). */
export function applySet(file: ScenarioFile, set: Record<string, string | number>): ScenarioFile {
  const out: ScenarioFile = structuredClone(file);
  for (const [key, value] of Object.entries(set)) {
    const parts = key.split('.');
    const [a, b] = parts;
    if (parts.length === 1 && a === 'profile') {
      if (value !== 'linux' && value !== 'rfc')
        throw new ScenarioError('--set profile', 'expected "linux" or "rfc"', 'SET_INVALID');
      out.profile = value;
    } else if (parts.length === 2 && a === 'link' && (b === 'delay' || b === 'mtu')) {
      out.link = { ...out.link, [b]: parseNumber(key, value) };
    } else if (parts.length === 2 && a === 'app' && b === 'latency') {
      out.app = { ...out.app, latency: parseNumber(key, value) };
    } else if (parts.length === 2 && a === 'isn' && b !== undefined) {
      if (!(b in out.endpoints))
        throw new ScenarioError(`--set ${key}`, `no endpoint named "${b}"`, 'SET_INVALID');
      out.isn = { ...out.isn, [b]: value === 'random' ? 'random' : parseNumber(key, value) };
    } else if (parts.length === 2 && a !== undefined && b !== undefined && a in out.endpoints) {
      if (b === 'port') {
        out.endpoints[a]!.port = parseNumber(key, value);
      } else if (isSysctlName(b)) {
        out.sysctl = {
          ...out.sysctl,
          [a]: { ...(out.sysctl[a] ?? {}), [b]: parseNumber(key, value) },
        };
      } else {
        throw new ScenarioError(`--set ${key}`, `unknown sysctl "${b}"`, 'SET_INVALID');
      }
    } else if (a === 'endpoints' || a === 'congestion' || key.startsWith('faults[')) {
      setPath(out, key, value);
    } else {
      throw new ScenarioError(
        `--set ${key}`,
        'unknown key; use profile, link.delay, link.mtu, app.latency, isn.<endpoint>, <endpoint>.port or <endpoint>.<sysctl>',
        'SET_INVALID',
      );
    }
  }
  return out;
}

/** Set a value at a dotted/indexed path such as `endpoints.client.program[1].send`. */
function setPath(root: ScenarioFile, key: string, value: string | number): void {
  const tokens = key.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node: unknown = root;
  for (let i = 0; i < tokens.length - 1; i++) {
    const tok = tokens[i]!;
    if (typeof node !== 'object' || node === null || !(tok in node)) {
      throw new ScenarioError(
        `--set ${key}`,
        `no field "${tokens.slice(0, i + 1).join('.')}" in this scenario`,
        'SET_INVALID',
      );
    }
    node = (node as Record<string, unknown>)[tok];
  }
  const last = tokens[tokens.length - 1]!;
  if (typeof node !== 'object' || node === null || !(last in node)) {
    throw new ScenarioError(`--set ${key}`, `no field "${key}" in this scenario`, 'SET_INVALID');
  }
  const n = typeof value === 'number' ? value : Number(value);
  (node as Record<string, unknown>)[last] = Number.isFinite(n) ? n : value;
}

/** Simulate a scenario (a parsed ScenarioFile, or any value that parseScenario accepts). */
export function simulate(scenario: ScenarioFile | unknown, options: SimulateOptions = {}): Trace {
  const seed = options.seed ?? 1;
  let file = parseScenario(scenario);
  if (options.set !== undefined && Object.keys(options.set).length > 0)
    file = parseScenario(applySet(file, options.set));
  const rng = createRng(seed);
  const resolved = resolveScenario(file, rng, options.profile);
  // A pure round-model scenario has no endpoints: the World then has nothing to run and the
  // packet-level parts of the trace stay empty (docs/engine.md, "Round model").
  // One budget for the whole run: the packet-level simulation and the round model share it.
  const budget = new RunBudget(resolved.limits, file.name);
  const raw = new World(resolved, rng, budget, {
    checkTransitions: options.checkTransitions ?? false,
  }).run();
  const trace = buildTrace(raw, {
    scenario: file.name,
    seed,
    profile: resolved.profile,
    params: resolved.params,
  });
  if (file.congestion !== undefined) {
    trace.rounds = runRounds(resolveCongestion(file.congestion, seed, trace.params), budget);
  }
  return trace;
}
