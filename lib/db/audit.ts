// The audit log's writer for quiz edits and regrades (role changes write theirs inside the
// same transaction as the change, in users.ts).
import 'server-only';
import { db } from './client';

export async function writeAuditEntry(entry: {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
}): Promise<void> {
  const client = await db();
  await client.auditLog.create({ data: { ...entry, detail: JSON.stringify(entry.detail) } });
}
