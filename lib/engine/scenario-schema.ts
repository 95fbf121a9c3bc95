// The scenario file format of DESIGN.md §1, validated with zod. Errors name the field path
// (`endpoints.client.program[2].send`) and the problem. Randomisable values ("random",
// {"range":[a,b]}) stay unresolved here; lib/engine/resolve.ts draws them from the seed.
// The parsed file keeps each program step as written (the simulator page shows it as JSON and
// --set writes into it by path), so scenarioStep() reads a validated step as a typed
// ScenarioStep: resolve.ts then never inspects keys, it only draws the StepDraw values.
// Every count, size and time is bounded (lib/engine/limits.ts): a value beyond its bound is
// a ScenarioLimitError such as `endpoints.attacker.program[0].syn_flood.count: at most 2,000`.

import { z } from 'zod';
import { ScenarioError, ScenarioLimitError, type ScenarioLimitName } from './errors';
import { RUN_LIMITS, SCENARIO_LIMITS, groupDigits } from './limits';
import { TCP_MIN_MSS } from './linux';
import { SYSCTL_MAX, SYSCTL_NAMES } from './sysctl';

/** A bound of limits.ts as zod issue params; parseScenario turns it into ScenarioLimitError. */
interface LimitParams {
  limit: ScenarioLimitName;
  max: number;
  unit: string;
}

function limitIssue(limit: ScenarioLimitName, max: number, unit = '') {
  const params: LimitParams = { limit, max, unit };
  return { code: 'custom' as const, message: atMost(max, unit), params };
}

function atMost(max: number, unit: string): string {
  return `at most ${groupDigits(max)}${unit === '' ? '' : ` ${unit}`}`;
}

/** A number no larger than `max` (one of the limits), with the limit's clear error. */
function bounded(base: z.ZodNumber, limit: ScenarioLimitName, max: number) {
  return base.check((ctx) => {
    if (ctx.value > max) ctx.issues.push({ ...limitIssue(limit, max), input: ctx.value });
  });
}

/** An array of at most `max` items. */
function boundedArray<T extends z.ZodTypeAny>(
  item: T,
  limit: ScenarioLimitName,
  max: number,
  unit: string,
) {
  return z.array(item).check((ctx) => {
    if (ctx.value.length > max)
      ctx.issues.push({ ...limitIssue(limit, max, unit), input: ctx.value });
  });
}

/** A string of `min` to `max` characters (the upper bound is a limit). */
function boundedString(min: number, limit: ScenarioLimitName, max: number) {
  return z
    .string()
    .min(min)
    .check((ctx) => {
      if (ctx.value.length > max)
        ctx.issues.push({ ...limitIssue(limit, max, 'characters'), input: ctx.value });
    });
}

const rangeSchema = z
  .object({ range: z.tuple([z.number(), z.number()]) })
  .strict()
  .refine((r) => r.range[0] <= r.range[1], {
    message: 'range must be [low, high] with low ≤ high',
  });

function randomisable(
  base: z.ZodNumber,
  expected: string,
  allowRandom: boolean,
  bound?: { limit: ScenarioLimitName; max: number },
) {
  const message = `expected ${expected} or {"range":[a,b]}${allowRandom ? ' or "random"' : ''}`;
  // One custom check (not a union) so the error is a single clear sentence.
  return z.custom<RandomisableNumber>().check((ctx) => {
    const v = ctx.value;
    const number = base.safeParse(v);
    const range = number.success ? undefined : rangeSchema.safeParse(v);
    if (!number.success && range?.success !== true && !(allowRandom && v === 'random')) {
      ctx.issues.push({ code: 'custom', message, input: v });
      return;
    }
    if (bound === undefined) return;
    // The largest value the seed could draw (a "random" field has no bound: ISNs only).
    const high = number.success ? number.data : range?.success ? range.data.range[1] : -Infinity;
    if (high > bound.max) ctx.issues.push({ ...limitIssue(bound.limit, bound.max), input: v });
  });
}

const bytes = randomisable(z.number().int().min(0), 'a byte count ≥ 0', false, {
  limit: 'stepBytes',
  max: SCENARIO_LIMITS.stepBytes,
});
const seconds = randomisable(z.number().min(0), 'a time in seconds ≥ 0', false, {
  limit: 'seconds',
  max: SCENARIO_LIMITS.seconds,
});
/** A plain (not randomisable) time in seconds ≥ 0 within the limit. */
const plainSeconds = bounded(z.number().min(0), 'seconds', SCENARIO_LIMITS.seconds);
const isnValue = randomisable(
  z.number().int().min(0).max(0xffffffff),
  'an ISN (integer 0..4294967295)',
  true,
);

const empty = z.object({}).strict();
const flagsSchema = z.string().regex(/^[SFRP]*\.?$/, {
  message: 'expected tcpdump flags such as "S", "S.", ".", "P.", "F.", "R", "R."',
});

/**
 * A sequence or acknowledgment number in a script: a plain number counts from the ISN of the
 * endpoint it belongs to (SYN = 0, as tcpdump and packetdrill print them) and may be drawn from
 * a range; {"abs": n} is the 32-bit value on the wire.
 */
const scriptNumber = z.union(
  [
    randomisable(z.number().int(), 'a relative number', false),
    z.object({ abs: z.number().int().min(0).max(0xffffffff) }).strict(),
  ],
  { error: 'expected a relative number, {"range":[a,b]} or {"abs": n} with n in 0..4294967295' },
);
const scriptFlags = flagsSchema.min(1, 'expected at least one flag');

// Linux's own bounds on the socket options (MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL, MAX_TCP_KEEPCNT).
const keepaliveSchema = z
  .object({
    idle: bounded(z.number().positive(), 'keepalive', SYSCTL_MAX.tcp_keepalive_time).optional(),
    intvl: bounded(z.number().positive(), 'keepalive', SYSCTL_MAX.tcp_keepalive_intvl).optional(),
    cnt: bounded(
      z.number().int().positive(),
      'keepalive',
      SYSCTL_MAX.tcp_keepalive_probes,
    ).optional(),
  })
  .strict();

const stepShapes = {
  listen: z.object({ backlog: z.number().int().optional() }).strict(),
  accept: empty,
  connect: z.union(
    [
      z.string().min(1),
      z
        .object({ peer: z.string().min(1), port: z.number().int().min(1).max(65535).optional() })
        .strict(),
    ],
    { error: 'expected a peer endpoint name or {"peer": name, "port": n}' },
  ),
  send: bytes,
  recv: z.union([bytes, z.literal('all')], {
    error: 'expected a byte count ≥ 0, {"range":[a,b]} or "all"',
  }),
  recv_until_eof: empty,
  shutdown: z.enum(['write', 'read', 'both']),
  close: z.object({ socket: z.enum(['listener', 'conn']).optional() }).strict(),
  abort: empty,
  sleep: seconds,
  setsockopt: z
    .object({
      keepalive: z.union([z.boolean(), keepaliveSchema]).optional(),
      nodelay: z.boolean().optional(),
      linger: z.number().int().min(0).optional(),
      /** fcntl(F_SETFL, O_NONBLOCK) rather than a socket option, but set the same way here. */
      nonblock: z.boolean().optional(),
      /** TCP_USER_TIMEOUT in milliseconds (0: off), as the option takes it. */
      user_timeout: z
        .number()
        .int()
        .min(0)
        .max(SCENARIO_LIMITS.seconds * 1000)
        .optional(),
      /** TCP_MAXSEG: 0 (unset) or TCP_MIN_MSS..MAX_TCP_WINDOW, the range Linux accepts. */
      maxseg: z
        .number()
        .int()
        .refine((v) => v === 0 || (v >= TCP_MIN_MSS && v <= 32767), {
          message: `expected 0 or an MSS from ${TCP_MIN_MSS} to 32767`,
        })
        .optional(),
      /** SO_RCVBUF in bytes (Linux doubles it; 0: the default buffer). */
      rcvbuf: z.number().int().min(0).max(0x7fffffff).optional(),
      reuseaddr: z.boolean().optional(),
    })
    .strict(),
  /** getsockopt(SO_ERROR): read (and clear) the socket's pending error. */
  getsockopt: z.literal('SO_ERROR', { error: 'expected "SO_ERROR"' }),
  /** ioctl(SIOCINQ): how many bytes are queued unread. */
  ioctl: z.literal('SIOCINQ', { error: 'expected "SIOCINQ"' }),
  syn_flood: z
    .object({
      target: z.string().min(1),
      count: randomisable(z.number().int().min(1), 'a SYN count ≥ 1', false, {
        limit: 'synFloodCount',
        max: SCENARIO_LIMITS.synFloodCount,
      }),
      interval: plainSeconds,
      src_port: z.number().int().min(1).max(65535).optional(),
      mss: z.number().int().min(48).max(65535).optional(),
    })
    .strict(),
  inject_syn: z
    .object({
      to: z.string().min(1),
      seq_offset: randomisable(z.number().int(), 'an integer sequence offset', false),
    })
    .strict(),
  /** A scripted peer's raw segment (any flags and numbers), optionally claiming another endpoint's address. */
  segment: z
    .object({
      to: z.string().min(1),
      flags: scriptFlags,
      seq: scriptNumber,
      ack: scriptNumber.optional(),
      len: bytes.optional(),
      win: z.number().int().min(0).max(65535).optional(),
      mss: z.number().int().min(48).max(65535).optional(),
      /** Send as this endpoint (its name and port): a forged segment. */
      spoof: z.string().min(1).optional(),
      /** Destination port, when not the receiver's own port. */
      port: z.number().int().min(1).max(65535).optional(),
    })
    .strict(),
  /** A scripted peer waits for the next segment that reaches it and checks it. */
  expect: z
    .object({
      flags: scriptFlags,
      from: z.string().min(1).optional(),
      seq: scriptNumber.optional(),
      ack: scriptNumber.optional(),
      len: z.number().int().min(0).optional(),
    })
    .strict(),
} as const;

export type StepAction = keyof typeof stepShapes;
// A type predicate rather than a cast: Object.keys is typed string[] whatever the object.
export const STEP_ACTIONS: readonly StepAction[] = Object.keys(stepShapes).filter(
  (k): k is StepAction => k in stepShapes,
);

const stepSchema = z
  .object({ at: seconds.optional(), ...z.object(stepShapes).partial().shape })
  .strict()
  .superRefine((step, ctx) => {
    const keys = Object.keys(step).filter((k) => k !== 'at');
    if (keys.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one action (${STEP_ACTIONS.join(', ')}), got ${keys.length === 0 ? 'none' : keys.join(', ')}`,
      });
    }
  });

/** One step as the file writes it: `at` and one action key (the schema refuses more or fewer). */
export type ProgramStep = z.output<typeof stepSchema>;

/** A randomisable number of a program step, with what resolve.ts needs to draw and record it. */
export interface StepDraw {
  /** As written: a number, or {"range":[a,b]} the seed draws from. */
  value: RandomisableNumber;
  /** Byte counts, SYN counts and sequence offsets are whole numbers; times are not. */
  integer: boolean;
  /** The value's path inside the step (`send`, `syn_flood.count`): trace.params and --set name it so. */
  field: string;
}

/**
 * What each kind of step carries; `N` is how a randomisable number is held: a StepDraw in a
 * ScenarioStep, the drawn number in resolve.ts's ResolvedStep. One list, so the two cannot
 * disagree on which fields the seed chooses.
 */
export type StepBodyOf<N> =
  | { kind: 'listen'; backlog: number }
  | { kind: 'accept' }
  | { kind: 'connect'; peer: string; port: number | undefined }
  | { kind: 'send'; bytes: N }
  | { kind: 'recv'; bytes: N | 'all' }
  | { kind: 'recv_until_eof' }
  | { kind: 'shutdown'; how: 'write' | 'read' | 'both' }
  | { kind: 'close'; socket: 'listener' | 'conn' | undefined }
  | { kind: 'abort' }
  | { kind: 'sleep'; seconds: N }
  | {
      kind: 'setsockopt';
      keepalive: { idle?: number; intvl?: number; cnt?: number } | boolean | undefined;
      nodelay: boolean | undefined;
      linger: number | undefined;
      nonblock: boolean | undefined;
      /** Milliseconds, as written. */
      userTimeout: number | undefined;
      maxseg: number | undefined;
      rcvbuf: number | undefined;
      reuseaddr: boolean | undefined;
    }
  | { kind: 'getsockopt'; name: 'SO_ERROR' }
  | { kind: 'ioctl'; name: 'SIOCINQ' }
  | {
      kind: 'syn_flood';
      target: string;
      count: N;
      interval: number;
      srcPort: number;
      mss: number;
    }
  | { kind: 'inject_syn'; to: string; seqOffset: N }
  | {
      kind: 'segment';
      to: string;
      flags: string;
      seq: ScriptNumberOf<N>;
      ack: ScriptNumberOf<N> | undefined;
      len: N;
      win: number;
      mss: number | undefined;
      spoof: string | undefined;
      port: number | undefined;
    }
  | {
      kind: 'expect';
      flags: string;
      from: string | undefined;
      seq: ScriptNumberOf<N> | undefined;
      ack: ScriptNumberOf<N> | undefined;
      len: number | undefined;
    };

/** A script's number: relative to the owning endpoint's ISN (and randomisable), or absolute. */
export type ScriptNumberOf<N> = { absolute: false; value: N } | { absolute: true; value: number };

/** A step by kind; `at` (start no earlier than) is randomisable like the action's numbers. */
export type StepOf<N> = { at: N | undefined } & StepBodyOf<N>;

/** A validated step, typed by kind, its randomisable numbers not drawn yet. */
export type ScenarioStep = StepOf<StepDraw>;

// Defaults of the file format: backlog 128 is SOMAXCONN before Linux 5.4 (FIDELITY.md), the
// backlog most programs pass; docs/engine.md's syn_flood sends from port 20000 with MSS 1460.
const DEFAULT_BACKLOG = 128;
const DEFAULT_FLOOD_SRC_PORT = 20000;
const DEFAULT_FLOOD_MSS = 1460;
/** A scripted segment's window when the script gives none: the largest unscaled window. */
const DEFAULT_SCRIPT_WINDOW = 65535;

type ScriptNumberInput = NonNullable<NonNullable<ProgramStep['segment']>['ack']>;

function scriptNumberOf(n: ScriptNumberInput, field: string): ScriptNumberOf<StepDraw> {
  return typeof n === 'object' && 'abs' in n
    ? { absolute: true, value: n.abs }
    : { absolute: false, value: drawOf(n, true, field) };
}

function drawOf(value: RandomisableNumber, integer: boolean, field: string): StepDraw {
  return { value, integer, field };
}

type StepBody<K extends StepAction> = Extract<StepBodyOf<StepDraw>, { kind: K }>;

// Keyed by action, so a new action in stepShapes does not compile until it has its typed form.
const stepBodies: { [K in StepAction]: (v: NonNullable<ProgramStep[K]>) => StepBody<K> } = {
  listen: (l) => ({ kind: 'listen', backlog: l.backlog ?? DEFAULT_BACKLOG }),
  accept: () => ({ kind: 'accept' }),
  connect: (c) =>
    typeof c === 'string'
      ? { kind: 'connect', peer: c, port: undefined }
      : { kind: 'connect', peer: c.peer, port: c.port },
  send: (b) => ({ kind: 'send', bytes: drawOf(b, true, 'send') }),
  recv: (b) => ({ kind: 'recv', bytes: b === 'all' ? 'all' : drawOf(b, true, 'recv') }),
  recv_until_eof: () => ({ kind: 'recv_until_eof' }),
  shutdown: (how) => ({ kind: 'shutdown', how }),
  close: (c) => ({ kind: 'close', socket: c.socket }),
  abort: () => ({ kind: 'abort' }),
  sleep: (s) => ({ kind: 'sleep', seconds: drawOf(s, false, 'sleep') }),
  setsockopt: (o) => ({
    kind: 'setsockopt',
    keepalive: o.keepalive,
    nodelay: o.nodelay,
    linger: o.linger,
    nonblock: o.nonblock,
    userTimeout: o.user_timeout,
    maxseg: o.maxseg,
    rcvbuf: o.rcvbuf,
    reuseaddr: o.reuseaddr,
  }),
  getsockopt: (name) => ({ kind: 'getsockopt', name }),
  ioctl: (name) => ({ kind: 'ioctl', name }),
  syn_flood: (f) => ({
    kind: 'syn_flood',
    target: f.target,
    count: drawOf(f.count, true, 'syn_flood.count'),
    interval: f.interval,
    srcPort: f.src_port ?? DEFAULT_FLOOD_SRC_PORT,
    mss: f.mss ?? DEFAULT_FLOOD_MSS,
  }),
  inject_syn: (j) => ({
    kind: 'inject_syn',
    to: j.to,
    seqOffset: drawOf(j.seq_offset, true, 'inject_syn.seq_offset'),
  }),
  segment: (g) => ({
    kind: 'segment',
    to: g.to,
    flags: g.flags,
    seq: scriptNumberOf(g.seq, 'segment.seq'),
    ack: g.ack === undefined ? undefined : scriptNumberOf(g.ack, 'segment.ack'),
    len: drawOf(g.len ?? 0, true, 'segment.len'),
    win: g.win ?? DEFAULT_SCRIPT_WINDOW,
    mss: g.mss,
    spoof: g.spoof,
    port: g.port,
  }),
  expect: (x) => ({
    kind: 'expect',
    flags: x.flags,
    from: x.from,
    seq: x.seq === undefined ? undefined : scriptNumberOf(x.seq, 'expect.seq'),
    ack: x.ack === undefined ? undefined : scriptNumberOf(x.ack, 'expect.ack'),
    len: x.len,
  }),
};

function bodyOf<K extends StepAction>(action: K, step: ProgramStep): StepBody<K> | undefined {
  const value = step[action];
  return value === undefined ? undefined : stepBodies[action](value);
}

/**
 * A validated step as its typed ScenarioStep (defaults applied, randomisable numbers still
 * to draw); undefined for a step with no action, which only a hand-built ScenarioFile can hold.
 *
 * @example scenarioStep({ at: 1, send: { range: [1, 9] } })
 * // → { at: { value: 1, … }, kind: 'send', bytes: { value: { range: [1, 9] }, integer: true, field: 'send' } }
 */
export function scenarioStep(step: ProgramStep): ScenarioStep | undefined {
  // simulate() runs one parsed file many times (a question's variations, a benchmark): the
  // typed form of a step object is computed once. Steps are never mutated after parsing
  // (--set edits a clone, which is parsed again into new objects).
  if (typedSteps.has(step)) return typedSteps.get(step);
  const typed = toScenarioStep(step);
  typedSteps.set(step, typed);
  return typed;
}

const typedSteps = new WeakMap<ProgramStep, ScenarioStep | undefined>();

function toScenarioStep(step: ProgramStep): ScenarioStep | undefined {
  const at = step.at === undefined ? undefined : drawOf(step.at, false, 'at');
  // The file's action order; the schema lets exactly one action through.
  for (const action of STEP_ACTIONS) {
    const body = bodyOf(action, step);
    if (body !== undefined) return { at, ...body };
  }
  return undefined;
}

const sysctlValues = z
  .object(
    Object.fromEntries(
      SYSCTL_NAMES.map((n) => [n, bounded(z.number().min(0), 'sysctl', SYSCTL_MAX[n]).optional()]),
    ),
  )
  .strict();

const faultSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    match: z
      .object({
        flags: flagsSchema.optional(),
        pure_ack: z.boolean().optional(),
        data: z.boolean().optional(),
        nth: randomisable(z.number().int().min(1), 'a match count ≥ 1', false).optional(),
      })
      .strict()
      .default({}),
    action: z.enum(['drop', 'delay', 'duplicate']),
    delay: plainSeconds.optional(),
    window: z
      .tuple([
        bounded(z.number(), 'seconds', SCENARIO_LIMITS.seconds),
        bounded(z.number(), 'seconds', SCENARIO_LIMITS.seconds),
      ])
      .optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.action === 'delay' && f.delay === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['delay'],
        message: 'a "delay" action needs "delay" (seconds)',
      });
    }
  });

// The optional `congestion` block (DESIGN.md §2b, issue 11): the exam's round model. Sizes
// are bytes; ssthresh, rwnd and each event's round are randomisable.
const congestionBytes = { limit: 'congestionBytes', max: SCENARIO_LIMITS.congestionBytes } as const;

const congestionEventSchema = z
  .object({
    round: randomisable(z.number().int().min(1), 'a round number ≥ 1', false, {
      limit: 'congestionRounds',
      max: SCENARIO_LIMITS.congestionRounds,
    }),
    timeout: z.literal(true, { error: 'expected true' }).optional(),
    dupacks: z
      .literal(3, { error: 'expected 3 (three duplicate ACKs trigger fast retransmit)' })
      .optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.timeout === undefined) === (e.dupacks === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected exactly one of "timeout": true or "dupacks": 3',
      });
    }
  });

const congestionSchema = z
  .object({
    /** `rounds`: the exam's per-round rules; `segments`: per-ACK growth in bytes (RFC 5681). */
    model: z.enum(['rounds', 'segments']).default('rounds'),
    algorithm: z.enum(['tahoe', 'reno']),
    mss: z.number().int().min(1).max(65535),
    initial_cwnd: bounded(
      z.number().int().min(1),
      'congestionBytes',
      SCENARIO_LIMITS.congestionBytes,
    ).optional(),
    ssthresh: randomisable(z.number().int().min(1), 'a byte count ≥ 1', false, congestionBytes),
    rwnd: randomisable(
      z.number().int().min(0),
      'a byte count ≥ 0',
      false,
      congestionBytes,
    ).optional(),
    /** Instead of a constant rwnd: a receive buffer drained by `read` bytes per round. */
    receiver: z
      .object({
        buffer: randomisable(z.number().int().min(1), 'a byte count ≥ 1', false, congestionBytes),
        read: randomisable(z.number().int().min(0), 'a byte count ≥ 0', false, congestionBytes),
      })
      .strict()
      .optional(),
    events: boundedArray(
      congestionEventSchema,
      'congestionRounds',
      SCENARIO_LIMITS.congestionRounds,
      'events',
    ).default([]),
    /** How many rounds to compute (default: 20, or up to the last event's round + 1). */
    rounds: bounded(
      z.number().int().min(1),
      'congestionRounds',
      SCENARIO_LIMITS.congestionRounds,
    ).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.rwnd === undefined) === (c.receiver === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rwnd'],
        message: 'expected exactly one of "rwnd" (bytes) or "receiver": {"buffer", "read"}',
      });
    }
  });

export const scenarioSchema = z
  .object({
    name: boundedString(1, 'nameChars', SCENARIO_LIMITS.nameChars).default('custom'),
    description: boundedString(0, 'textChars', SCENARIO_LIMITS.textChars).optional(),
    notes: boundedString(0, 'textChars', SCENARIO_LIMITS.textChars).optional(),
    profile: z.enum(['linux', 'rfc']).default('linux'),
    sysctl: z.record(z.string(), sysctlValues).default({}),
    link: z
      .object({
        delay: randomisable(z.number().min(0), 'a delay in seconds ≥ 0', false, {
          limit: 'seconds',
          max: SCENARIO_LIMITS.seconds,
        }).optional(),
        mtu: z.number().int().min(128).max(65535).optional(),
      })
      .strict()
      .default({}),
    isn: z.record(z.string(), isnValue).default({}),
    app: z
      .object({ latency: z.number().min(0).max(1).optional() })
      .strict()
      .optional(),
    endpoints: z
      .record(
        z
          .string()
          .regex(/^[A-Za-z][\w-]*$/, { message: 'endpoint names are letters, digits, _ and -' }),
        z
          .object({
            port: z.number().int().min(1).max(65535),
            /** This endpoint's own interface MTU (default: the link's): it announces MTU − 40 as MSS. */
            mtu: z.number().int().min(128).max(65535).optional(),
            /**
             * A scripted peer: no kernel and no sockets; its program sends raw `segment`s and
             * checks what reaches it with `expect`. Nothing it receives is ever answered.
             */
            raw: z.boolean().default(false),
            program: boundedArray(
              stepSchema,
              'programSteps',
              SCENARIO_LIMITS.programSteps,
              'steps',
            ).default([]),
          })
          .strict(),
      )
      .check((ctx) => {
        const names = Object.keys(ctx.value);
        if (names.length > SCENARIO_LIMITS.endpoints)
          ctx.issues.push({
            ...limitIssue('endpoints', SCENARIO_LIMITS.endpoints, 'endpoints'),
            input: ctx.value,
          });
        const long = names.find((n) => n.length > SCENARIO_LIMITS.nameChars);
        if (long !== undefined)
          ctx.issues.push({
            ...limitIssue('nameChars', SCENARIO_LIMITS.nameChars, 'characters'),
            path: [long],
            input: long,
          });
      })
      // May be empty only beside a `congestion` block (checked in parseScenario).
      .default({}),
    faults: boundedArray(faultSchema, 'faults', SCENARIO_LIMITS.faults, 'rules').default([]),
    congestion: congestionSchema.optional(),
    /** Lowers the run's budget (lib/engine/limits.ts RUN_LIMITS); it cannot raise it. */
    limits: z
      .object({
        max_events: bounded(z.number().int().positive(), 'events', RUN_LIMITS.events).optional(),
        max_time: bounded(z.number().positive(), 'time', RUN_LIMITS.time).optional(),
        max_trace_entries: bounded(
          z.number().int().positive(),
          'traceEntries',
          RUN_LIMITS.traceEntries,
        ).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ScenarioFile = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type RandomisableNumber = number | 'random' | { range: [number, number] };
export type FaultRule = ScenarioFile['faults'][number];
export type CongestionBlock = NonNullable<ScenarioFile['congestion']>;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

// The values parseScenario produced, so simulate() does not validate them again (hot path).
// A set of identities rather than a property: a clone or a spread is not marked, and is
// validated again, exactly as before.
const validated = new WeakSet<object>();

export function isValidatedScenario(value: unknown): value is ScenarioFile {
  return typeof value === 'object' && value !== null && validated.has(value);
}

/**
 * The limit an issue reports, if any; inside a union (`recv`: bytes or "all", `keepalive`:
 * a boolean or its settings) the branch of the right type holds it, with a relative path.
 */
function findLimit(
  issue: z.core.$ZodIssue,
): { path: PropertyKey[]; params: LimitParams } | undefined {
  if (issue.code === 'custom') {
    const params = limitParams(issue.params);
    return params === undefined ? undefined : { path: issue.path, params };
  }
  if (issue.code !== 'invalid_union') return undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const found = findLimit(inner);
      if (found !== undefined)
        return { path: [...issue.path, ...found.path], params: found.params };
    }
  }
  return undefined;
}

// Every limit name, so the params zod hands back (a loose record) are checked, not cast.
const LIMIT_NAMES: Record<ScenarioLimitName, true> = {
  endpoints: true,
  programSteps: true,
  faults: true,
  synFloodCount: true,
  stepBytes: true,
  seconds: true,
  nameChars: true,
  textChars: true,
  congestionRounds: true,
  congestionBytes: true,
  sysctl: true,
  keepalive: true,
  events: true,
  time: true,
  traceEntries: true,
};

function isLimitName(name: unknown): name is ScenarioLimitName {
  return typeof name === 'string' && Object.hasOwn(LIMIT_NAMES, name);
}

function limitParams(params: Record<string, unknown> | undefined): LimitParams | undefined {
  if (params === undefined) return undefined;
  const { limit, max, unit } = params;
  return isLimitName(limit) && typeof max === 'number' && typeof unit === 'string'
    ? { limit, max, unit }
    : undefined;
}

/** Validate a parsed JSON/YAML value; throws ScenarioError naming the first bad field. */
export function parseScenario(input: unknown): ScenarioFile {
  if (isValidatedScenario(input)) return input;
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue === undefined) throw new ScenarioError('', 'invalid scenario');
    const limit = findLimit(issue);
    if (limit !== undefined)
      throw new ScenarioLimitError(
        formatPath(limit.path),
        limit.params.limit,
        limit.params.max,
        atMost(limit.params.max, limit.params.unit),
      );
    let message = issue.message;
    if (issue.code === 'unrecognized_keys')
      message = `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    throw new ScenarioError(formatPath(issue.path), message);
  }
  const file = result.data;
  if (Object.keys(file.endpoints).length === 0 && file.congestion === undefined) {
    throw new ScenarioError(
      'endpoints',
      'expected at least one endpoint (or a "congestion" block for a round-model scenario)',
    );
  }
  // Cross-field checks: every endpoint named anywhere must exist.
  const names = new Set(Object.keys(file.endpoints));
  for (const [role] of Object.entries(file.sysctl)) {
    if (!names.has(role)) throw new ScenarioError(`sysctl.${role}`, `no endpoint named "${role}"`);
  }
  for (const [role] of Object.entries(file.isn)) {
    if (!names.has(role)) throw new ScenarioError(`isn.${role}`, `no endpoint named "${role}"`);
  }
  file.faults.forEach((f, i) => {
    if (!names.has(f.from))
      throw new ScenarioError(`faults[${i}].from`, `no endpoint named "${f.from}"`);
    if (!names.has(f.to)) throw new ScenarioError(`faults[${i}].to`, `no endpoint named "${f.to}"`);
  });
  for (const [name, ep] of Object.entries(file.endpoints)) {
    ep.program.forEach((step, i) => {
      // At most one of these is set: a step has exactly one action.
      const named: [field: string, other: string | undefined][] = [
        ['connect', typeof step.connect === 'string' ? step.connect : step.connect?.peer],
        ['syn_flood.target', step.syn_flood?.target],
        ['inject_syn.to', step.inject_syn?.to],
        ['segment.to', step.segment?.to],
        ['segment.spoof', step.segment?.spoof],
        ['expect.from', step.expect?.from],
      ];
      for (const [field, other] of named) {
        if (other !== undefined && !names.has(other)) {
          throw new ScenarioError(
            `endpoints.${name}.program[${i}].${field}`,
            `no endpoint named "${other}"`,
          );
        }
      }
    });
  }
  validated.add(file);
  return file;
}
