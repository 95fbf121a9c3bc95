// The production server's limits on what a client may hold: how long and how large a request
// may take to arrive, how many connections one address may keep open, how long the line of
// waiting requests may grow. Read once from the environment (README lists the variables).
import { proxyHops } from '../../lib/security/proxy-hops.mjs';

/** A positive integer from the environment, or `fallback` when unset or invalid. */
function fromEnv(env, name, fallback) {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/**
 * @param {Record<string, string | undefined>} env
 */
export function serverLimits(env = process.env) {
  const trustProxy = proxyHops(env.TRUST_PROXY) > 0;
  return {
    /**
     * Every request body is received before it may wait for an admission slot. Next.js refuses
     * a server action's body over 1 MB itself; the largest the app sends is a progress merge
     * of 250 answers (app/me/merge/local.ts), around 100 kB.
     */
    maxBodyBytes: 1024 * 1024,
    /** A body that stops arriving for this long is answered 408. */
    bodyIdleMs: fromEnv(env, 'ACKADEMY_BODY_IDLE_MS', 5_000),
    /** A body still arriving after this long is answered 408, however steadily it comes. */
    bodyDeadlineMs: fromEnv(env, 'ACKADEMY_BODY_DEADLINE_MS', 20_000),
    /**
     * Received bodies held at once (waiting or being served). Buffers live outside the heap
     * cap, so they get their own budget; past it a request is answered 503 and retried.
     */
    bodyBudgetBytes: 64 * 1024 * 1024,
    /**
     * Open connections per client address. A class behind one school NAT shares an address,
     * so the default is generous. Behind a trusted proxy every connection comes from the
     * proxy, and limiting per client is the proxy's job: no cap unless the variable is set.
     */
    maxConnectionsPerAddress: fromEnv(
      env,
      'ACKADEMY_MAX_CONNECTIONS_PER_ADDRESS',
      trustProxy ? Number.POSITIVE_INFINITY : 512,
    ),
    /** Requests waiting for an admission slot; past it a request is answered 503 at once. */
    maxWaitingRequests: fromEnv(env, 'ACKADEMY_MAX_WAITING_REQUESTS', 2_000),
    /** Time allowed for a request's headers (a slowloris sends them a byte at a time). */
    headersTimeoutMs: 10_000,
    /** Time allowed for the whole request, body included (Node's own backstop). */
    requestTimeoutMs: 30_000,
    /** How often Node checks the two timeouts above (its default is 30 s). */
    connectionsCheckingIntervalMs: 1_000,
    /**
     * Longer than a browser's keep-alive hint handling, so an idle connection is closed by the
     * client rather than under a request it just sent.
     */
    keepAliveTimeoutMs: 65_000,
    /** Requests on one keep-alive connection before the server closes it. */
    maxRequestsPerSocket: 1_000,
  };
}
