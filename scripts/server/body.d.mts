// Types of body.mjs (plain JavaScript, because the server starts under plain node).
import type { IncomingMessage, ServerResponse } from 'node:http';
export type BodyBudget = {
  take(bytes: number): boolean;
  give(bytes: number): void;
  used(): number;
};
export type Received =
  | { ok: true; body: Buffer | null }
  | { ok: false; status: 400 | 408 | 413 | 503; reason: string; drain?: boolean };
export function createBodyBudget(bytes: number): BodyBudget;
export function announcesBody(req: IncomingMessage): boolean;
export function receiveBody(
  req: IncomingMessage,
  res: ServerResponse,
  options: { limit: number; idleMs: number; deadlineMs: number; budget: BodyBudget },
): Promise<Received>;
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage;
