// The quiz API's handlers (lib/quiz-api/node.ts) bundled into one ES module that the
// production server (scripts/start.mjs) loads under plain node, beside Next.js's build.
// scripts/prepare.ts builds it right after `next build`; npm packages stay imports.
import path from 'node:path';

/** Where the bundle goes, relative to the project root (inside .next: built with it). */
export const QUIZ_API_BUNDLE = path.join('.next', 'ackademy', 'quiz-api.mjs');

/**
 * Packages the bundle may import at run time. Anything of Next.js's or React's would need
 * the framework's request scope, which the server's direct path does not have.
 */
const FORBIDDEN_IMPORT = /^(next|next-intl|react|react-dom)(\/|$)/;

/** `server-only` throws outside React's server graph; this bundle runs only on the server. */
const serverOnly = {
  name: 'server-only',
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({
      path: 'server-only',
      namespace: 'empty',
    }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * Builds the bundle (to `outfile`, by default where the server looks); throws if the build
 * fails or the bundle would import the framework. Returns the imports it keeps.
 */
export async function buildQuizApi(root, outfile = path.join(root, QUIZ_API_BUNDLE)) {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['lib/quiz-api/node.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    plugins: [serverOnly],
    metafile: true,
    logLevel: 'warning',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
  const forbidden = imports.filter((i) => i.external && FORBIDDEN_IMPORT.test(i.path));
  if (forbidden.length > 0) {
    throw new Error(
      `the quiz API bundle must not import ${[...new Set(forbidden.map((i) => i.path))].join(', ')}: import the lib module that needs no request scope instead`,
    );
  }
  return [...new Set(imports.filter((i) => i.external).map((i) => i.path))].sort();
}
