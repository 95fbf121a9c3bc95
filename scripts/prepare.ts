// The first half of `npm start` (scripts/start.mjs runs it in a child process, so the memory
// it takes is returned before serving): migrations, demo users, pruning old rate-limit
// rows, a build when the sources changed since the last one (Next.js's, and the bundle of the
// quiz API that the server serves directly), and the session secret.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDemoUsers } from '@/lib/auth/demo-users';
import { disconnectDb } from '@/lib/db/client';
import { resolveDatabaseConfig } from '@/lib/db/config';
import { migrate } from '@/lib/db/migrate';
import { pruneRateLimits } from '@/lib/db/rate-limits';
import { parseEnv } from '@/lib/env';
import { QUIZ_API_BUNDLE, buildQuizApi } from './server/quiz-api-bundle.mjs';

const root = process.cwd();
const dataDir = path.join(root, 'data');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function log(message: string) {
  console.log(`ackademy: ${message}`);
}

/** A fingerprint of everything `next build` reads, so a stale build is rebuilt. */
function sourceStamp(): string {
  const hash = createHash('sha256');
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const info = statSync(full);
    if (info.isDirectory()) {
      if (entry.endsWith('generated') || entry.endsWith('node_modules')) return;
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}:${info.size}:${info.mtimeMs}\n`);
    }
  };
  [
    'app',
    'lib',
    'content',
    'next.config.js',
    'proxy.ts',
    'instrumentation-client.ts',
    'postcss.config.mjs',
    'package-lock.json',
    'tsconfig.json',
  ].forEach(visit);
  return hash.digest('hex');
}

async function ensureBuild() {
  const stampFile = path.join(root, '.next', 'ackademy-source-stamp');
  const stamp = sourceStamp();
  const built = existsSync(path.join(root, '.next', 'BUILD_ID')) && existsSync(stampFile);
  if (built && readFileSync(stampFile, 'utf8') === stamp) {
    if (!existsSync(path.join(root, QUIZ_API_BUNDLE))) await buildQuizApi(root);
    return;
  }
  log('building the app (first start, or the sources changed)…');
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    stdio: 'inherit',
    env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env },
  });
  if (result.status !== 0) {
    console.error('ackademy: `next build` failed');
    process.exit(result.status ?? 1);
  }
  await buildQuizApi(root);
  writeFileSync(stampFile, stamp);
}

/** Without NEXTAUTH_SECRET, one is generated once into data/ (start.mjs reads it there). */
function ensureSecret(): void {
  if (process.env.NEXTAUTH_SECRET?.trim()) return;
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    log(
      `generated a session secret in ${path.relative(root, file)} (set NEXTAUTH_SECRET to choose your own)`,
    );
  }
}

async function main() {
  const env = parseEnv();
  const config = resolveDatabaseConfig(env.DATABASE_URL, root);
  const applied = await migrate(config, root);
  log(
    `${config.provider === 'sqlite' ? `SQLite at ${path.relative(root, config.file)}` : 'PostgreSQL'}; ` +
      (applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'),
  );
  const wantDemo =
    config.provider === 'sqlite' ? env.ACKADEMY_DEMO !== '0' : env.ACKADEMY_DEMO === '1';
  if (wantDemo) {
    const created = await seedDemoUsers();
    for (const demo of created) log(`demo ${demo.role}: ${demo.email} / ${demo.password}`);
  }
  // Rate-limit windows and sign-in delays older than a day count for nothing any more.
  const now = new Date();
  await pruneRateLimits(new Date(now.getTime() - 24 * 3600 * 1000), now);
  await disconnectDb();

  await ensureBuild();
  ensureSecret();
}

main().catch((error: unknown) => {
  console.error(`ackademy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
