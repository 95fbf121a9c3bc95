// The round model's rows as the table and the chart show them: the engine's bytes, or the
// same values in MSS (segments), the unit the exam states windows in.
import type { CongestionPhase, CongestionRound, CongestionEventKind, Trace } from '@/lib/engine';

export type WindowUnit = 'mss' | 'bytes';

export interface DisplayRow {
  round: number;
  cwnd: number;
  ssthresh: number;
  rwnd: number;
  swnd: number;
  phase: CongestionPhase;
  event: CongestionEventKind | null;
  /** Byte ranges sent in the round, always in bytes (sequence numbers have no MSS form). */
  sent: [number, number][];
}

/** At most two decimals: a window that is not a whole number of segments stays readable. */
function inUnit(bytes: number, mss: number, unit: WindowUnit): number {
  return unit === 'bytes' ? bytes : Math.round((bytes / mss) * 100) / 100;
}

export function displayRows(
  rounds: readonly CongestionRound[],
  mss: number,
  unit: WindowUnit,
): DisplayRow[] {
  return rounds.map((r) => ({
    round: r.round,
    cwnd: inUnit(r.cwnd, mss, unit),
    ssthresh: inUnit(r.ssthresh, mss, unit),
    rwnd: inUnit(r.rwnd, mss, unit),
    swnd: inUnit(r.swnd, mss, unit),
    phase: r.phase,
    event: r.event,
    sent: r.sent,
  }));
}

/**
 * The MSS of a trace's round table: recorded in `params` by the engine; older traces (an
 * imported file) fall back to the smallest window seen, which is 1 MSS after any loss and in
 * the exam's first round.
 */
export function mssOf(trace: Pick<Trace, 'params' | 'rounds'>): number {
  const recorded = trace.params['congestion.mss'];
  if (typeof recorded === 'number' && recorded > 0) return recorded;
  const smallest = Math.min(...(trace.rounds ?? []).map((r) => r.cwnd).filter((c) => c > 0));
  return Number.isFinite(smallest) ? smallest : 1;
}

export interface ChartPoint {
  round: number;
  cwnd: number;
  ssthresh: number;
  swnd: number;
  event: CongestionEventKind | null;
}

/** One point per round for the cwnd chart, in MSS. */
export function chartPoints(rounds: readonly CongestionRound[], mss: number): ChartPoint[] {
  return displayRows(rounds, mss, 'mss').map((r) => ({
    round: r.round,
    cwnd: r.cwnd,
    ssthresh: r.ssthresh,
    swnd: r.swnd,
    event: r.event,
  }));
}
