// The role ladder: admin ⊃ instructor ⊃ student.
import type { Role } from '@/lib/db';

const RANK: Record<Role, number> = { student: 0, instructor: 1, admin: 2 };

/** True when `role` includes the rights of `needed`. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
