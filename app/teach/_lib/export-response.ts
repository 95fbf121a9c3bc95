// The shared body of the export route handlers: the quiz's instructor gets the file as a
// download; anyone else gets the service's status (404 rather than revealing the quiz).
import 'server-only';
import { getCurrentUser } from '@/lib/auth';
import { ClassroomError, managedQuiz, statusOf } from '@/lib/classroom';
import { exportSetOf, type ExportSet } from './export-set';
import { questionLocale } from './locale';

export async function exportResponse(
  quizId: string,
  write: (set: ExportSet) => string,
  file: { extension: string; contentType: string },
): Promise<Response> {
  const user = await getCurrentUser();
  try {
    const quiz = await managedQuiz(user, quizId);
    const body = write(exportSetOf(quiz, user!.id, await questionLocale()));
    const name = `${quiz.title.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'quiz'}.${file.extension}`;
    return new Response(body, {
      headers: {
        'Content-Type': `${file.contentType}; charset=utf-8`,
        'Content-Disposition': `attachment; filename="quiz.${file.extension}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (!(error instanceof ClassroomError)) throw error;
    return new Response(null, { status: error.code === 'forbidden' ? 404 : statusOf(error.code) });
  }
}
