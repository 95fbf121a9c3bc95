// GET /teach/quizzes/[quizId]/export/moodle.xml – the quiz as a fixed question set in Moodle
// XML (Question bank → Import), for its instructor.
import { exportResponse } from '../../../../_lib/export-response';
import { toMoodleXml } from '../../../../_lib/export-set';

type Context = { params: Promise<{ quizId: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return exportResponse((await params).quizId, toMoodleXml, {
    extension: 'xml',
    contentType: 'application/xml',
  });
}
