// Turns a validated scenario file into concrete values: draws every randomisable value from
// the seeded PRNG (in a fixed order) and records each one in `params` for the trace.

import { ScenarioError, assertNever } from './errors';
import { runLimitsOf, type RunLimits } from './limits';
import type { Rng } from './rng';
import {
  scenarioStep,
  type RandomisableNumber,
  type ScenarioFile,
  type ScenarioStep,
  type ScriptNumberOf,
  type StepDraw,
  type StepOf,
} from './scenario-schema';
import { defaultSysctls, isSysctlName, type Sysctls } from './sysctl';
import type { ParamValue, Profile } from './trace-schema';

/** A program step with every number drawn: what lib/engine/programs.ts runs. */
export type ResolvedStep = StepOf<number>;
/** A script's sequence or acknowledgment number after drawing. */
export type SeqNumber = ScriptNumberOf<number>;

function scriptNumber(n: ScriptNumberOf<StepDraw>, drawn: (d: StepDraw) => number): SeqNumber {
  return n.absolute ? n : { absolute: false, value: drawn(n.value) };
}

export interface ResolvedEndpoint {
  name: string;
  port: number;
  sysctl: Sysctls;
  /** This endpoint's interface MTU (the link's unless the endpoint sets its own); MSS = MTU − 40. */
  mtu: number;
  isn: number;
  /** A scripted peer (no kernel): see the scenario schema's `raw`. */
  raw: boolean;
  program: ResolvedStep[];
}

export type ResolvedFault = Omit<ScenarioFile['faults'][number], 'match'> & {
  match: {
    flags?: string | undefined;
    pure_ack?: boolean | undefined;
    data?: boolean | undefined;
    nth?: number | undefined;
  };
};

export interface ResolvedScenario {
  name: string;
  profile: Profile;
  delay: number;
  mtu: number;
  /** Seconds between the end of one program step and the start of the next. */
  appLatency: number;
  endpoints: ResolvedEndpoint[];
  faults: ResolvedFault[];
  /** The run's budget: RUN_LIMITS, or the file's lower `limits`. */
  limits: RunLimits;
  params: Record<string, ParamValue>;
}

function draw(
  v: RandomisableNumber,
  rng: Rng,
  integer: boolean,
  randomRange: [number, number],
): number {
  if (typeof v === 'number') return v;
  const [lo, hi] = v === 'random' ? randomRange : v.range;
  if (integer) return rng.int(Math.ceil(lo), Math.floor(hi));
  return Math.round(rng.float(lo, hi) * 1e6) / 1e6;
}

export function resolveScenario(
  file: ScenarioFile,
  rng: Rng,
  profileOverride?: Profile,
): ResolvedScenario {
  const profile = profileOverride ?? file.profile;
  const params: Record<string, ParamValue> = { profile };
  // The order of the draws below is part of every seeded trace: link delay, then per endpoint
  // its ISN and its steps in order (each step's `at` before its action's number), then faults.
  const delay = draw(file.link.delay ?? 0.0001, rng, false, [0, 0]);
  params['link.delay'] = delay;
  const mtu = file.link.mtu ?? 1500;
  if (file.link.mtu !== undefined) params['link.mtu'] = mtu;

  const appLatency = file.app?.latency ?? 0.0002;
  params['app.latency'] = appLatency;
  const endpoints: ResolvedEndpoint[] = [];
  for (const [name, ep] of Object.entries(file.endpoints)) {
    const sysctl = defaultSysctls(profile);
    for (const [k, v] of Object.entries(file.sysctl[name] ?? {})) {
      // The schema admits only sysctl names; the guard narrows the key for the typed record.
      if (v === undefined || !isSysctlName(k)) continue;
      sysctl[k] = v;
      params[`${name}.${k}`] = v;
    }
    // Not a draw: the order of the seeded draws is unchanged.
    if (ep.mtu !== undefined) params[`${name}.mtu`] = ep.mtu;
    const isn = draw(file.isn[name] ?? 'random', rng, true, [0, 0xffffffff]) >>> 0;
    params[`isn.${name}`] = isn;
    const program = ep.program.map((raw, i) => {
      const step = scenarioStep(raw);
      // parseScenario refuses such a step; a ScenarioFile built by hand in code may hold one.
      if (step === undefined)
        throw new ScenarioError(`endpoints.${name}.program[${i}]`, 'expected exactly one action');
      const fixed = fixedSteps.get(step);
      if (fixed !== undefined) return fixed;
      let drewAny = false;
      const resolved = resolveStep(step, (d) => {
        if (typeof d.value === 'number') return d.value;
        drewAny = true;
        const n = draw(d.value, rng, d.integer, [0, 0]);
        // The key string is built only for values that were actually drawn.
        params[`${name}.program[${i}].${d.field}`] = n;
        return n;
      });
      // A step with nothing to draw resolves the same in every run: keep it (programs only
      // read their steps).
      if (!drewAny) fixedSteps.set(step, resolved);
      return resolved;
    });
    endpoints.push({
      name,
      port: ep.port,
      sysctl,
      mtu: ep.mtu ?? mtu,
      isn,
      raw: ep.raw,
      program,
    });
  }
  return {
    name: file.name,
    profile,
    delay,
    mtu,
    appLatency,
    endpoints,
    faults: file.faults.map((f, i) => {
      const nthRaw = f.match.nth;
      const nth = nthRaw === undefined ? undefined : draw(nthRaw, rng, true, [1, 1]);
      if (nth !== undefined && typeof nthRaw !== 'number') params[`faults[${i}].match.nth`] = nth;
      return { ...f, match: { ...f.match, nth } };
    }),
    limits: runLimitsOf(file.limits),
    params,
  };
}

const fixedSteps = new WeakMap<ScenarioStep, ResolvedStep>();

/**
 * Draws a step's numbers through `drawn`, `at` first and then the action's own (the order
 * the seeded traces were recorded with); every other field is already final.
 */
function resolveStep(step: ScenarioStep, drawn: (d: StepDraw) => number): ResolvedStep {
  const at = step.at === undefined ? undefined : drawn(step.at);
  switch (step.kind) {
    case 'send':
      return { ...step, at, bytes: drawn(step.bytes) };
    case 'recv':
      return { ...step, at, bytes: step.bytes === 'all' ? 'all' : drawn(step.bytes) };
    case 'sleep':
      return { ...step, at, seconds: drawn(step.seconds) };
    case 'syn_flood':
      return { ...step, at, count: drawn(step.count) };
    case 'inject_syn':
      return { ...step, at, seqOffset: drawn(step.seqOffset) };
    case 'segment':
      return {
        ...step,
        at,
        seq: scriptNumber(step.seq, drawn),
        ack: step.ack === undefined ? undefined : scriptNumber(step.ack, drawn),
        len: drawn(step.len),
      };
    case 'expect':
      return {
        ...step,
        at,
        seq: step.seq === undefined ? undefined : scriptNumber(step.seq, drawn),
        ack: step.ack === undefined ? undefined : scriptNumber(step.ack, drawn),
      };
    case 'listen':
    case 'accept':
    case 'connect':
    case 'recv_until_eof':
    case 'shutdown':
    case 'close':
    case 'abort':
    case 'setsockopt':
    case 'getsockopt':
    case 'ioctl':
      return { ...step, at };
    default:
      return assertNever(step, 'program step');
  }
}
