// Types of answers.mjs (plain JavaScript, because the server starts under plain node).
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
export function refuse(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  options?: { close?: boolean; headers?: Record<string, string> },
): void;
export function addHeadersOfLastResort(res: ServerResponse): void;
export function answerClientError(error: Error & { code?: string }, socket: Socket): void;
