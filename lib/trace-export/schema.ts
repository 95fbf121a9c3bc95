// Importing a trace JSON file (DESIGN.md §2): the engine's trace schema made lenient where old
// or newer exports differ, and bounded like a run. A problem is reported with the path of the
// first bad field; fields a newer engine adds pass through (loose objects).
import { z } from 'zod';
import {
  congestionRoundSchema,
  groupDigits,
  RUN_LIMITS,
  SCENARIO_LIMITS,
  traceEventSchema,
  traceSchema,
  traceSegmentSchema,
  traceStateSchema,
  traceTimerSchema,
  type Trace,
} from '@/lib/engine';

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

/**
 * A whole trace as a file may hold it: the engine's schema, with every object loose (a field a
 * newer engine adds is kept) and `params`, `timers` and `end` filled in when an older export
 * lacks them.
 */
export const traceImportSchema = traceSchema
  .extend({
    params: traceSchema.shape.params.default({}),
    segments: z.array(traceSegmentSchema.loose()),
    states: z.array(traceStateSchema.loose()),
    events: z.array(traceEventSchema.loose()),
    timers: z.array(traceTimerSchema.loose()).default([]),
    end: traceSchema.shape.end.optional(),
    rounds: z.array(congestionRoundSchema.loose()).optional(),
  })
  .loose()
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
    if (t.rounds !== undefined && t.rounds.length > SCENARIO_LIMITS.congestionRounds) {
      const limit: TraceImportLimit = { name: 'rounds', max: SCENARIO_LIMITS.congestionRounds };
      ctx.issues.push({
        code: 'custom',
        message: `at most ${groupDigits(limit.max)} rounds`,
        path: ['rounds'],
        params: limit,
        input: t.rounds.length,
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
  const result = traceImportSchema.safeParse(value);
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
