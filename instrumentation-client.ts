// Runs in the browser before the app hydrates. Zod 4 probes for eval (`Function("")`) the
// first time it builds an object schema, to compile fast parsers; under our CSP (no
// 'unsafe-eval') the probe is refused and reported as a violation. Turning the compiler
// off first means the probe never happens; parsing is still correct, only not compiled.
import { config } from 'zod';

config({ jitless: true });
