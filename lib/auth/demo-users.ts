// The demo accounts a first start of the embedded database creates, so a newcomer can
// look around as a student and as an instructor without signing up.
import { countUsers, createUser, findUserByEmail, type Role } from '@/lib/db';
import { hashPassword } from './password';

export const DEMO_USERS: readonly { email: string; password: string; role: Role; name: string }[] =
  [
    {
      email: 'student@ackademy.dev',
      password: 'ackademy-student',
      role: 'student',
      name: 'Demo Student',
    },
    {
      email: 'teacher@ackademy.dev',
      password: 'ackademy-teacher',
      role: 'instructor',
      name: 'Demo Teacher',
    },
  ];

/**
 * Creates the demo users when the database has no users at all. Returns the accounts it
 * created (empty when the database already had users).
 */
export async function seedDemoUsers(): Promise<typeof DEMO_USERS> {
  if ((await countUsers()) > 0) return [];
  for (const demo of DEMO_USERS) {
    await createUser({
      email: demo.email,
      name: demo.name,
      role: demo.role,
      passwordHash: await hashPassword(demo.password),
    });
  }
  return DEMO_USERS;
}

/**
 * Whether the demo accounts exist, so the landing page advertises them only where they
 * were seeded (not on PostgreSQL, not with ACKADEMY_DEMO=0). Existence, not a password
 * check: this runs on every landing-page view and argon2 is deliberately slow.
 */
export async function demoAccountsAvailable(): Promise<boolean> {
  const found = await Promise.all(DEMO_USERS.map((demo) => findUserByEmail(demo.email)));
  return found.every((user, index) => user?.role === DEMO_USERS[index]?.role);
}
