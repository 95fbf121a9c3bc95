// GET|POST /api/auth/* – NextAuth's sign-in, callback, session and sign-out endpoints.
// POSTs change state (sign in, sign out), so a cross-site one is refused before NextAuth's
// own CSRF token is even looked at (lib/security/origin.ts).
import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { buildAuthOptions } from '@/lib/auth';
import { withSameOrigin } from '@/lib/security';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(buildAuthOptions()) as (
  request: Request,
  context: RouteContext,
) => Promise<Response>;

/**
 * NextAuth parses a body labelled JSON with `request.json()` and lets its SyntaxError become
 * a 500; a body that is not JSON gets a 400 here instead, and a valid one goes on unchanged.
 */
async function rejectMalformedJson(request: Request, context: RouteContext): Promise<Response> {
  if (!request.headers.get('content-type')?.includes('application/json')) {
    return handler(request, context);
  }
  const text = await request.text();
  try {
    JSON.parse(text);
  } catch {
    return Response.json(
      { error: 'invalid_json', message: 'The body is not JSON.' },
      { status: 400 },
    );
  }
  const copy = new NextRequest(request.url, {
    method: request.method,
    headers: request.headers,
    body: text,
  });
  return handler(copy, context);
}

export const GET = handler;
export const POST = withSameOrigin<RouteContext>(rejectMalformedJson);
