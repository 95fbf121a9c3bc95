// Types of connections.mjs (plain JavaScript, because the server starts under plain node).
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
export function capConnectionsPerAddress(
  server: Server,
  max: number,
): { open(address: string): number };
export function refusedConnection(socket: Socket | null | undefined): boolean;
