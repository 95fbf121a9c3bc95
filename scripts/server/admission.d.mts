// Types of admission.mjs (plain JavaScript, because the server starts under plain node).
export type Priority = 0 | 1 | 2;
export type Job = { priority: Priority; run: () => Promise<void>; abandoned: () => boolean };
export type AdmissionStats = { active: number; waiting: number; admitted: number; dropped: number };
export type Admission = { admit(job: Job): boolean; stats(): AdmissionStats };
export function createAdmission(options: { limit: number; maxWaiting?: number }): Admission;
export function priorityOf(
  method: string | undefined,
  url: string | undefined,
  header: (name: string) => string | undefined,
): Priority;
export function bypassesAdmission(url: string | undefined): boolean;
