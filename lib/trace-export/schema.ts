// The trace JSON of DESIGN.md §2 as a zod schema: an imported file is parsed here before the
// UI shows it, and a problem is reported with the path of the first bad field. Fields the
// engine adds later pass through untouched (loose objects), so an export imports back whole.
// An import is bounded like a run: no larger than the engine's trace budget allows.
import { z } from 'zod';
import { groupDigits, RUN_LIMITS, SCENARIO_LIMITS, TCP_STATES, type Trace } from '@/lib/engine';

/**
 * The longest text parseTraceJson reads. A pretty-printed export of the largest trace a run
 * may produce (RUN_LIMITS.traceEntries entries, 64-character endpoint names) stays under it.
 */
export const TRACE_IMPORT_MAX_CHARS = 8_000_000;

/** A bound an imported trace exceeded. */
export type TraceImportLimit = {
  name: 'chars' | 'traceEntries' | 'rounds';
  max: number;
};

const time = z.number().finite().min(0);

const segmentSchema = z.looseObject({
  /** Send time, seconds from the first segment. */
  t: time,
  from: z.string().min(1),
  to: z.string().min(1),
  /** tcpdump notation: S, S., ., P., F., FP., R, R. */
  flags: z.string().regex(/^[SFRPU]*\.?$/, 'expected tcpdump flags such as "S." or "."'),
  seq: z.number().int().nullable(),
  ack: z.number().int().nullable(),
  len: z.number().int().min(0),
  win: z.number().int().min(0),
  abs_seq: z.number().int().min(0),
  abs_ack: z.number().int().min(0).nullable(),
  dropped: z.boolean(),
  cport: z.number().int(),
  sport: z.number().int(),
  dport: z.number().int(),
  /** Why a segment that is not a first transmission was sent (rto, synack_timer, …). */
  why: z.string().optional(),
});

const stateSchema = z.looseObject({
  t: time,
  endpoint: z.string().min(1),
  socket: z.enum(['listener', 'conn']),
  cport: z.number().int().nullable(),
  state: z.enum(
    TCP_STATES as [Trace['states'][number]['state'], ...Trace['states'][number]['state'][]],
  ),
});

const eventSchema = z.looseObject({
  t: time,
  endpoint: z.string().min(1),
  event: z.enum([
    'listen',
    'connect_ok',
    'connect_error',
    'accept',
    'recv',
    'eof',
    'send',
    'shutdown',
    'close',
    'error',
  ]),
  errno: z.enum(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ENOTCONN']).optional(),
  bytes: z.number().int().min(0).optional(),
  cport: z.number().int().optional(),
  op: z.string().optional(),
});

const timerSchema = z.looseObject({
  t: time,
  endpoint: z.string().min(1),
  socket: z.literal('conn'),
  cport: z.number().int(),
  timer: z.enum([
    'retransmit',
    'loss_probe',
    'delack',
    'keepalive',
    'time_wait',
    'fin_wait2',
    'synack',
  ]),
  action: z.enum(['set', 'fire', 'cancel']),
  expires: z.number().finite().optional(),
});

/** A whole trace; `timers` and `end` may be missing from older exports and are filled in. */
export const traceSchema = z
  .looseObject({
    scenario: z.string(),
    seed: z.union([z.number(), z.string()]),
    profile: z.enum(['linux', 'rfc']),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
    segments: z.array(segmentSchema),
    states: z.array(stateSchema),
    events: z.array(eventSchema),
    timers: z.array(timerSchema).default([]),
    end: time.optional(),
  })
  .check((ctx) => {
    const t = ctx.value;
    const entries = t.segments.length + t.states.length + t.events.length + t.timers.length;
    if (entries > RUN_LIMITS.traceEntries) {
      const limit: TraceImportLimit = { name: 'traceEntries', max: RUN_LIMITS.traceEntries };
      ctx.issues.push({
        code: 'custom',
        message: `at most ${groupDigits(limit.max)} entries in segments, states, events and timers together`,
        params: limit,
        input: entries,
      });
    }
    const rounds = (t as { rounds?: unknown }).rounds;
    if (Array.isArray(rounds) && rounds.length > SCENARIO_LIMITS.congestionRounds) {
      const limit: TraceImportLimit = { name: 'rounds', max: SCENARIO_LIMITS.congestionRounds };
      ctx.issues.push({
        code: 'custom',
        message: `at most ${groupDigits(limit.max)} rounds`,
        path: ['rounds'],
        params: limit,
        input: rounds.length,
      });
    }
  })
  .transform((trace): Trace => ({ ...trace, end: trace.end ?? lastTime(trace) }));

/** The time of the last record (an older export has no `end`); a loop, not a spread. */
function lastTime(trace: {
  segments: { t: number }[];
  states: { t: number }[];
  events: { t: number }[];
}): number {
  let end = 0;
  for (const list of [trace.segments, trace.states, trace.events])
    for (const x of list) if (x.t > end) end = x.t;
  return end;
}

export type TraceImportResult =
  | { ok: true; trace: Trace }
  | { ok: false; path: string; message: string; limit?: TraceImportLimit };

function importLimit(params: Record<string, unknown> | undefined): TraceImportLimit | undefined {
  const name = params?.name;
  const max = params?.max;
  return (name === 'traceEntries' || name === 'rounds') && typeof max === 'number'
    ? { name, max }
    : undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** Parse the text of a trace JSON file; never throws. */
export function parseTraceJson(text: string): TraceImportResult {
  if (text.length > TRACE_IMPORT_MAX_CHARS) {
    return {
      ok: false,
      path: '',
      message: `too large for a trace: at most ${groupDigits(TRACE_IMPORT_MAX_CHARS)} characters`,
      limit: { name: 'chars', max: TRACE_IMPORT_MAX_CHARS },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, path: '', message: `not JSON: ${(error as Error).message}` };
  }
  const result = traceSchema.safeParse(value);
  if (result.success) return { ok: true, trace: result.data };
  const issue = result.error.issues[0];
  const limit = issue?.code === 'custom' ? importLimit(issue.params) : undefined;
  return {
    ok: false,
    path: issue ? formatPath(issue.path) : '',
    message: issue?.message ?? 'not a trace',
    ...(limit === undefined ? {} : { limit }),
  };
}
