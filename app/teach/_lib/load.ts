// Loads a /teach page's data through lib/classroom: the service's errors become the right
// page (sign-in, or a 404 that does not reveal whether the class or quiz exists), not a 500.
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { ClassroomError } from '@/lib/classroom';

export async function load<T>(read: () => Promise<T>, callbackUrl: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof ClassroomError)) throw error;
    if (error.code === 'unauthenticated')
      redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    // A student (forbidden) and another instructor (not_found) both see "no such page".
    if (error.code === 'forbidden' || error.code === 'not_found') notFound();
    throw error;
  }
}
