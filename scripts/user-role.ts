// `npm run user:role -- <email> <student|instructor|admin>`: sets a user's role from the
// command line (how the first administrator is made).
import { disconnectDb } from '@/lib/db/client';
import { resolveDatabaseConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { findUserByEmail, roleSchema, setUserRole } from '@/lib/db/users';

async function main(argv: string[]): Promise<number> {
  const [email, roleArg, ...rest] = argv;
  if (!email || !roleArg || rest.length > 0) {
    console.error('usage: npm run user:role -- <email> <student|instructor|admin>');
    return 2;
  }
  const role = roleSchema.safeParse(roleArg);
  if (!role.success) {
    console.error(`unknown role "${roleArg}": use student, instructor or admin`);
    return 2;
  }
  await migrate(resolveDatabaseConfig());
  const user = await findUserByEmail(email);
  if (!user) {
    console.error(`no user with email ${email}`);
    return 1;
  }
  await setUserRole({ userId: user.id, role: role.data, actorId: null });
  console.log(`${user.email}: ${user.role} -> ${role.data}`);
  return 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    await disconnectDb().catch(() => undefined);
    process.exit(1);
  });
