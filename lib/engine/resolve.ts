// Turns a validated scenario file into concrete values: draws every randomisable value from
// the seeded PRNG (in a fixed order) and records each one in `params` for the trace.

import { ScenarioError } from './errors';
import { runLimitsOf, type RunLimits } from './limits';
import type { Rng } from './rng';
import type { RandomisableNumber, ScenarioFile } from './scenario-schema';
import { defaultSysctls, type Sysctls } from './sysctl';
import type { ParamValue, Profile } from './types';

export type ResolvedStep = { at: number | undefined } & (
  | { kind: 'listen'; backlog: number }
  | { kind: 'accept' }
  | { kind: 'connect'; peer: string; port: number | undefined }
  | { kind: 'send'; bytes: number }
  | { kind: 'recv'; bytes: number | 'all' }
  | { kind: 'recv_until_eof' }
  | { kind: 'shutdown'; how: 'write' | 'read' | 'both' }
  | { kind: 'close'; socket: 'listener' | 'conn' | undefined }
  | { kind: 'abort' }
  | { kind: 'sleep'; seconds: number }
  | {
      kind: 'setsockopt';
      keepalive: { idle?: number; intvl?: number; cnt?: number } | boolean | undefined;
      nodelay: boolean | undefined;
      linger: number | undefined;
    }
  | {
      kind: 'syn_flood';
      target: string;
      count: number;
      interval: number;
      srcPort: number;
      mss: number;
    }
  | { kind: 'inject_syn'; to: string; seqOffset: number }
);

export interface ResolvedEndpoint {
  name: string;
  port: number;
  sysctl: Sysctls;
  isn: number;
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

function isRandom(v: unknown): boolean {
  return v === 'random' || (typeof v === 'object' && v !== null && 'range' in v);
}

export function resolveScenario(
  file: ScenarioFile,
  rng: Rng,
  profileOverride?: Profile,
): ResolvedScenario {
  const profile = profileOverride ?? file.profile;
  const params: Record<string, ParamValue> = { profile };
  const delayRaw = (file.link.delay ?? 0.0001) as RandomisableNumber;
  const delay = draw(delayRaw, rng, false, [0, 0]);
  params['link.delay'] = delay;
  const mtu = file.link.mtu ?? 1500;
  if (file.link.mtu !== undefined) params['link.mtu'] = mtu;

  const appLatency = file.app?.latency ?? 0.0002;
  params['app.latency'] = appLatency;
  const endpoints: ResolvedEndpoint[] = [];
  for (const [name, ep] of Object.entries(file.endpoints)) {
    const sysctl = defaultSysctls(profile);
    for (const [k, v] of Object.entries(file.sysctl[name] ?? {})) {
      if (v === undefined) continue;
      (sysctl as Record<string, number>)[k] = v;
      params[`${name}.${k}`] = v;
    }
    const isnRaw = (file.isn[name] ?? 'random') as RandomisableNumber;
    const isn = draw(isnRaw, rng, true, [0, 0xffffffff]) >>> 0;
    params[`isn.${name}`] = isn;
    const program = ep.program.map((raw, i) =>
      resolveStep(raw as Record<string, unknown>, rng, { name, index: i }, params),
    );
    endpoints.push({ name, port: ep.port, sysctl, isn, program });
  }
  return {
    name: file.name,
    profile,
    delay,
    mtu,
    appLatency,
    endpoints,
    faults: file.faults.map((f, i) => {
      const nthRaw = f.match.nth as RandomisableNumber | undefined;
      const nth = nthRaw === undefined ? undefined : draw(nthRaw, rng, true, [1, 1]);
      if (nthRaw !== undefined && isRandom(nthRaw)) params[`faults[${i}].match.nth`] = nth ?? 0;
      return { ...f, match: { ...f.match, nth } };
    }),
    limits: runLimitsOf(file.limits),
    params,
  };
}

interface StepRef {
  name: string;
  index: number;
}

function drawParam(
  v: unknown,
  rng: Rng,
  integer: boolean,
  params: Record<string, ParamValue>,
  where: StepRef,
  key: string,
): number {
  if (typeof v === 'number') return v;
  const n = draw(v as RandomisableNumber, rng, integer, [0, 0]);
  // The key string is built only for values that were actually drawn.
  params[`${where.name}.program[${where.index}].${key}`] = n;
  return n;
}

function resolveStep(
  raw: Record<string, unknown>,
  rng: Rng,
  where: StepRef,
  params: Record<string, ParamValue>,
): ResolvedStep {
  const at = raw.at === undefined ? undefined : drawParam(raw.at, rng, false, params, where, 'at');
  if ('listen' in raw) {
    const l = raw.listen as { backlog?: number };
    return { at, kind: 'listen', backlog: l.backlog ?? 128 };
  }
  if ('accept' in raw) return { at, kind: 'accept' };
  if ('connect' in raw) {
    const c = raw.connect as string | { peer: string; port?: number };
    return typeof c === 'string'
      ? { at, kind: 'connect', peer: c, port: undefined }
      : { at, kind: 'connect', peer: c.peer, port: c.port };
  }
  if ('send' in raw)
    return { at, kind: 'send', bytes: drawParam(raw.send, rng, true, params, where, 'send') };
  if ('recv' in raw)
    return {
      at,
      kind: 'recv',
      bytes: raw.recv === 'all' ? 'all' : drawParam(raw.recv, rng, true, params, where, 'recv'),
    };
  if ('recv_until_eof' in raw) return { at, kind: 'recv_until_eof' };
  if ('shutdown' in raw)
    return { at, kind: 'shutdown', how: raw.shutdown as 'write' | 'read' | 'both' };
  if ('close' in raw)
    return { at, kind: 'close', socket: (raw.close as { socket?: 'listener' | 'conn' }).socket };
  if ('abort' in raw) return { at, kind: 'abort' };
  if ('sleep' in raw)
    return { at, kind: 'sleep', seconds: drawParam(raw.sleep, rng, false, params, where, 'sleep') };
  if ('setsockopt' in raw) {
    const s = raw.setsockopt as {
      keepalive?: boolean | { idle?: number; intvl?: number; cnt?: number };
      nodelay?: boolean;
      linger?: number;
    };
    return { at, kind: 'setsockopt', keepalive: s.keepalive, nodelay: s.nodelay, linger: s.linger };
  }
  if ('syn_flood' in raw) {
    const f = raw.syn_flood as {
      target: string;
      count: RandomisableNumber;
      interval: number;
      src_port?: number;
      mss?: number;
    };
    return {
      at,
      kind: 'syn_flood',
      target: f.target,
      count: drawParam(f.count, rng, true, params, where, 'syn_flood.count'),
      interval: f.interval,
      srcPort: f.src_port ?? 20000,
      mss: f.mss ?? 1460,
    };
  }
  if ('inject_syn' in raw) {
    const j = raw.inject_syn as { to: string; seq_offset: RandomisableNumber };
    return {
      at,
      kind: 'inject_syn',
      to: j.to,
      seqOffset: drawParam(j.seq_offset, rng, true, params, where, 'inject_syn.seq_offset'),
    };
  }
  throw new ScenarioError(
    `endpoints.${where.name}.program[${where.index}]`,
    'expected exactly one action',
  );
}
