// Public data types of the engine: TCP states, profiles and the trace JSON of DESIGN.md §2
// (with additions: connection port, timers, the socket of each app event). They are inferred
// from the zod schema in ./trace-schema.ts, the one description of a trace; engine modules
// keep importing them from here.

export type {
  Errno,
  ParamValue,
  Profile,
  TcpState,
  TimerName,
  Trace,
  TraceEvent,
  TraceEventKind,
  TraceSegment,
  TraceState,
  TraceTimer,
} from './trace-schema';
export { TCP_STATES } from './trace-schema';
