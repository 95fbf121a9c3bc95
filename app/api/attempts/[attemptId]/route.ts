// GET /api/attempts/[attemptId]: the attempt being taken, as the attempt page's script loads
// it: the questions without keys, the saved responses and the server's seconds left. Sent as
// JSON rather than rendered into the page, because ten questions with their traces are the
// heaviest thing a student asks for, all at once when a class starts.
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth';
import { attemptForStudent } from '@/lib/classroom';
import { classroomErrorResponse, jsonError } from '../_lib/http';
import { attemptIdSchema } from '../_lib/schema';

type Context = { params: Promise<{ attemptId: string }> };

/** The language the page is shown in; questions are generated in it. */
const localeSchema = z.enum(['zh', 'en']).catch('en');

export async function GET(request: Request, context: Context): Promise<Response> {
  const attemptId = attemptIdSchema.safeParse((await context.params).attemptId);
  if (!attemptId.success) return jsonError(404, 'not_found', 'no such attempt');
  const locale = localeSchema.parse(new URL(request.url).searchParams.get('locale'));
  const user = await getCurrentUser();
  if (!user) return jsonError(401, 'unauthenticated', 'sign in first');
  try {
    const view = await attemptForStudent(user, attemptId.data, locale, new Date());
    return Response.json(view, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return classroomErrorResponse(error);
  }
}
