// Types of limits.mjs (plain JavaScript, because the server starts under plain node).
export type ServerLimits = {
  maxBodyBytes: number;
  bodyIdleMs: number;
  bodyDeadlineMs: number;
  bodyBudgetBytes: number;
  maxConnectionsPerAddress: number;
  maxWaitingRequests: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  connectionsCheckingIntervalMs: number;
  keepAliveTimeoutMs: number;
  maxRequestsPerSocket: number;
};
export function serverLimits(env?: Record<string, string | undefined>): ServerLimits;
