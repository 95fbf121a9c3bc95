// What reproduces one playground run, and its round trip through the URL:
// /simulator?scenario=time-wait-duration&seed=3&profile=rfc&set=client.tcp_syn_retries%3D3
// An edited scenario travels whole, as base64url JSON in `file`.
import type { Profile } from '@/lib/engine';

export interface RunConfig {
  /** Catalog scenario name (also kept for an edited file, as the one it started from). */
  scenario: string;
  /** The edited scenario file, when it is not the catalog one. */
  file: unknown;
  seed: number | string;
  /** Overrides the scenario's own profile when set. */
  profile: Profile | null;
  /** `key=value` overrides in the engine's --set syntax, in order. */
  set: string[];
  /** Run both profiles side by side. */
  compare: boolean;
}

export const DEFAULT_SCENARIO = 'third-ack-dropped';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The query string of a run (without `?`). */
export function encodeRunConfig(config: RunConfig): string {
  const params = new URLSearchParams();
  params.set('scenario', config.scenario);
  if (config.file !== null && config.file !== undefined)
    params.set('file', toBase64Url(JSON.stringify(config.file)));
  params.set('seed', String(config.seed));
  if (config.profile) params.set('profile', config.profile);
  for (const s of config.set) params.append('set', s);
  if (config.compare) params.set('compare', '1');
  return params.toString();
}

function parseSeed(value: string | null): number | string {
  if (value === null || value.trim() === '') return 1;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** Read a run from a query string; anything unreadable falls back to a default. */
export function decodeRunConfig(query: string | URLSearchParams): RunConfig {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const profile = params.get('profile');
  let file: unknown = null;
  const encoded = params.get('file');
  if (encoded) {
    try {
      file = JSON.parse(fromBase64Url(encoded));
    } catch {
      file = null;
    }
  }
  return {
    scenario: params.get('scenario') || DEFAULT_SCENARIO,
    file,
    seed: parseSeed(params.get('seed')),
    profile: profile === 'linux' || profile === 'rfc' ? profile : null,
    set: params.getAll('set').filter((s) => s.includes('=')),
    compare: params.get('compare') === '1',
  };
}

/** `["a.b=1", "c=x"]` → `{ "a.b": "1", c: "x" }` for simulate({ set }). */
export function setRecord(set: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of set) {
    const i = entry.indexOf('=');
    if (i > 0) out[entry.slice(0, i).trim()] = entry.slice(i + 1).trim();
  }
  return out;
}
