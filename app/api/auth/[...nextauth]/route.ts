// GET|POST /api/auth/* – NextAuth's sign-in, callback, session and sign-out endpoints.
// POSTs change state (sign in, sign out), so a cross-site one is refused before NextAuth's
// own CSRF token is even looked at (lib/security/origin.ts).
import NextAuth from 'next-auth';
import { buildAuthOptions } from '@/lib/auth';
import { withSameOrigin } from '@/lib/security';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(buildAuthOptions()) as (
  request: Request,
  context: RouteContext,
) => Promise<Response>;

export const GET = handler;
export const POST = withSameOrigin<RouteContext>(handler);
