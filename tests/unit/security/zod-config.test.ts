// instrumentation-client.ts switches zod's JIT off through zod's global configuration object
// without importing zod; this pins the zod behaviour that relies on.
import { describe, expect, it } from 'vitest';
import { config } from 'zod';

describe("zod's configuration", () => {
  it('is the object on globalThis.__zod_globalConfig, so the browser can set it before zod loads', () => {
    const holder = globalThis as typeof globalThis & { __zod_globalConfig?: object };
    expect(config()).toBe(holder.__zod_globalConfig);
  });
});
