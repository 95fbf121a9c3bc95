// GET /teach/classes/[classId]/gradebook.csv – the gradebook as a CSV download, for its
// instructor only: anyone else gets the service's status (404 for a class not theirs).
import { getCurrentUser } from '@/lib/auth';
import { ClassroomError, gradebookCsv, managedClass, statusOf } from '@/lib/classroom';

type Context = { params: Promise<{ classId: string }> };

/** A file name from the class name that every browser and OS accepts. */
function fileName(className: string): string {
  const safe = className.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'class'}-grades.csv`;
}

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { classId } = await params;
  const user = await getCurrentUser();
  try {
    const cls = await managedClass(user, classId);
    const csv = await gradebookCsv(user, classId, new Date());
    const name = fileName(cls.name);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        // An ASCII fallback plus the UTF-8 name (RFC 6266), for Chinese class names.
        'Content-Disposition': `attachment; filename="grades.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (!(error instanceof ClassroomError)) throw error;
    // A student is "forbidden" by the service, but must not learn that the class exists.
    const status = error.code === 'forbidden' ? 404 : statusOf(error.code);
    return new Response(null, { status });
  }
}
