// GET /teach/quizzes/[quizId]/export/gift.txt – the quiz as a fixed question set in Moodle's
// GIFT text format, for its instructor.
import { exportResponse } from '../../../../_lib/export-response';
import { toGift } from '../../../../_lib/export-set';

type Context = { params: Promise<{ quizId: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return exportResponse((await params).quizId, toGift, {
    extension: 'txt',
    contentType: 'text/plain',
  });
}
