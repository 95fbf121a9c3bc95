// Runs in the browser before the app hydrates. Zod 4 probes for eval (`Function("")`) the
// first time it builds an object schema, to compile fast parsers; under our CSP (no
// 'unsafe-eval') the probe is refused and reported as a violation. Turning the compiler
// off first means the probe never happens; parsing is still correct, only not compiled.
// Zod keeps its configuration on globalThis.__zod_globalConfig (so that several copies
// share it); setting it here, instead of calling zod's config(), keeps zod itself out of
// the JavaScript every page loads. tests/unit/security/zod-config.test.ts checks that zod
// still reads its configuration from there.
const holder = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
