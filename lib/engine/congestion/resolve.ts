// Turns a scenario's validated `congestion` block into a concrete RoundsConfig: draws the
// randomisable ssthresh, rwnd (or receiver buffer and read rate) and event rounds from the seed and records them in `params`.

import { createRng, type Rng } from '../rng';
import type { CongestionBlock, RandomisableNumber } from '../scenario-schema';
import type { ParamValue } from '../trace-schema';
import type { CongestionEvent, RoundsConfig } from './model';

/** Rounds computed when the block does not say: enough for the textbook charts. */
const DEFAULT_ROUNDS = 20;

function drawInt(
  v: RandomisableNumber,
  rng: Rng,
  params: Record<string, ParamValue>,
  key: string,
): number {
  if (typeof v === 'number') return v;
  // "random" is rejected by the schema for these fields; treat it as its own range anyway.
  const [lo, hi] = v === 'random' ? [0, 0] : v.range;
  const n = rng.int(Math.ceil(lo), Math.floor(hi));
  params[key] = n;
  return n;
}

/**
 * The round-model configuration of a congestion block. Draws come from their own stream
 * (seed + "/congestion") so that adding the block never changes the packet-level run.
 */
export function resolveCongestion(
  block: CongestionBlock,
  seed: number | string,
  params: Record<string, ParamValue>,
): RoundsConfig {
  const rng = createRng(`${String(seed)}/congestion`);
  params['congestion.algorithm'] = block.algorithm;
  // Recorded so a reader of the trace (the round table, the chart) can show MSS units.
  params['congestion.mss'] = block.mss;
  // A drawn ssthresh is rounded down to whole segments: the exam always states it in MSS.
  let ssthresh = block.ssthresh;
  if (typeof ssthresh !== 'number') {
    const raw = drawInt(ssthresh, rng, params, 'congestion.ssthresh');
    ssthresh = Math.max(block.mss, Math.floor(raw / block.mss) * block.mss);
    params['congestion.ssthresh'] = ssthresh;
  }
  // The schema guarantees exactly one of rwnd and receiver.
  const rwnd =
    block.receiver === undefined
      ? drawInt(block.rwnd ?? 0, rng, params, 'congestion.rwnd')
      : {
          buffer: drawInt(block.receiver.buffer, rng, params, 'congestion.receiver.buffer'),
          read: drawInt(block.receiver.read, rng, params, 'congestion.receiver.read'),
        };
  const events: CongestionEvent[] = block.events.map((e, i) => ({
    round: drawInt(e.round, rng, params, `congestion.events[${i}].round`),
    kind: e.timeout === true ? 'timeout' : 'dupacks',
  }));
  const lastEvent = events.reduce((m, e) => Math.max(m, e.round), 0);
  return {
    model: block.model,
    algorithm: block.algorithm,
    mss: block.mss,
    initialCwnd: block.initial_cwnd ?? block.mss,
    ssthresh,
    rwnd,
    events,
    rounds: block.rounds ?? Math.max(DEFAULT_ROUNDS, lastEvent + 1),
  };
}
