// Types of restart-policy.mjs (plain JavaScript, because the server starts under plain node).
export type RestartPolicy = { crashed(nowMs: number): number | null; recent(): number };
export function createRestartPolicy(options?: {
  maxCrashes?: number;
  windowMs?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
}): RestartPolicy;
