// One simulated student's browser: a cookie jar, a forwarded address (the app runs with
// TRUST_PROXY=1 in the load test, as behind a reverse proxy, so per-address limits see one
// address per student), and timed requests recorded per step.
import type { StepStats } from './stats';

export type StepResult = { ok: boolean; status: number; body: unknown };

export class BrowserSession {
  private readonly cookies = new Map<string, string>();
  private sent = 0;

  /**
   * With several base URLs, successive requests go to successive instances, as behind a
   * load balancer without sticky sessions: the session must hold on any instance.
   */
  constructor(
    readonly baseUrls: readonly string[],
    readonly address: string,
  ) {}

  /** The instance this session's first request goes to. */
  get baseUrl(): string {
    return this.baseUrls[0]!;
  }

  private cookieHeader(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  /** The session's cookies, for a tool (autocannon) that sends requests on its behalf. */
  cookieHeaderForTools(): string {
    return this.cookieHeader();
  }

  hasCookie(prefix: string): boolean {
    return [...this.cookies.keys()].some((k) => k.includes(prefix));
  }

  /** One request, timed from send to the last body byte, recorded under `stats`. */
  async request(
    stats: StepStats,
    method: 'GET' | 'POST',
    path: string,
    body?: { json: unknown } | { form: Record<string, string> },
    isOk: (status: number, body: unknown) => boolean = (s) => s >= 200 && s < 300,
  ): Promise<StepResult> {
    const headers: Record<string, string> = {
      cookie: this.cookieHeader(),
      'x-forwarded-for': this.address,
      'accept-language': 'en-US',
    };
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    }
    const baseUrl = this.baseUrls[this.sent++ % this.baseUrls.length]!;
    // What a browser sends on a same-origin POST.
    if (method === 'POST') headers.origin = baseUrl;
    const started = performance.now();
    let status = 0;
    let parsed: unknown = null;
    try {
      const response = await fetch(baseUrl + path, {
        method,
        headers,
        body: payload,
        redirect: 'manual',
      });
      status = response.status;
      this.keepCookies(response);
      const text = await response.text();
      if ((response.headers.get('content-type') ?? '').includes('json')) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
      }
    } catch (error) {
      parsed = String(error);
    }
    const ms = performance.now() - started;
    const ok = status !== 0 && isOk(status, parsed);
    stats.record(ms, ok, status === 0 ? 'network' : String(status), started);
    return { ok, status, body: parsed };
  }
}
