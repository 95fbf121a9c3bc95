// The bodies and parameters the quiz API accepts, validated with zod on arrival.
import { z } from 'zod';

/** Answers are small (an option id, a number, three header fields); 16 kB is plenty. */
export const MAX_BODY_BYTES = 16 * 1024;

export const attemptIdSchema = z.string().min(1).max(64);

export const saveBodySchema = z
  .object({
    position: z.number().int().min(0).max(999),
    // The grader checks the shape for the question's kind; here only that it is present.
    response: z.unknown().refine((r) => r !== undefined, 'response is required'),
    // performance.timeOrigin + performance.now() in the browser: milliseconds, fractional.
    clientRev: z.number().finite().nonnegative(),
  })
  .strict();
export type SaveBody = z.infer<typeof saveBodySchema>;

/** The language the attempt page is shown in; questions are generated in it. */
export const localeSchema = z.enum(['zh', 'en']).catch('en');
