// The JSON conventions of the quiz API: bounded body reading, `{ error, message }` errors
// with the classroom service's statuses, and the same-origin check for POSTs.
import { ClassroomError, statusOf } from '@/lib/classroom';
import { securityEnv } from '@/lib/security/config';
import { MAX_JSON_DEPTH, nestsWithin } from '@/lib/security/json-depth.mjs';
import { checkSameOrigin } from '@/lib/security/origin';

export function jsonError(status: number, error: string, message: string, init?: ResponseInit) {
  return Response.json({ error, message }, { ...init, status });
}

/** A 403 for a state-changing request another site's page sent, else null. */
export function refuseCrossSite(request: Request): Response | null {
  const verdict = checkSameOrigin(request, securityEnv());
  return verdict.ok ? null : jsonError(403, 'cross_site', 'This request must come from this site.');
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/**
 * Reads at most `limit` bytes of JSON. The declared length is checked first, then the bytes
 * actually streamed (a chunked body declares none), so an oversized body is never buffered.
 */
export async function readJson(request: Request, limit: number): Promise<BodyResult> {
  const tooLarge = {
    ok: false as const,
    response: jsonError(413, 'too_large', `The body may hold at most ${limit} bytes.`),
  };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return tooLarge;
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, response: jsonError(400, 'invalid_json', 'The body is not JSON.') };
  }
  // Validation and storage walk the value recursively.
  if (!nestsWithin(value)) {
    return {
      ok: false,
      response: jsonError(400, 'too_deep', `The body may nest at most ${MAX_JSON_DEPTH} levels.`),
    };
  }
  return { ok: true, value };
}

/** A classroom refusal as its status; anything else is a real failure and is rethrown. */
export function classroomErrorResponse(error: unknown): Response {
  if (error instanceof ClassroomError)
    return jsonError(statusOf(error.code), error.code, error.message);
  throw error;
}
