// `npm run db:migrate`: applies pending migrations to the database DATABASE_URL names.
import { resolveDatabaseConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';

const config = resolveDatabaseConfig();
migrate(config)
  .then((applied) => {
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'schema up to date');
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
