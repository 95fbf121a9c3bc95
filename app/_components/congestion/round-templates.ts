// The question templates whose key is read from the round model's table: their explanations
// get a round table and a cwnd chart. A module of its own so the check stays cheap.
export const ROUND_TEMPLATES: ReadonlySet<string> = new Set([
  'congestion-window',
  'rounds-to-window',
  'sendable-bytes',
  'sendable-range',
  'fast-retransmit',
  'connect-to-closed',
]);
