// A plain HTTP client for the e2e tests that need no browser: a cookie jar over fetch, never
// following redirects (a test asserts where they point), sending the app's own Origin on
// every request as a same-site page would; and signing in through NextAuth's credentials
// endpoint as the sign-in form does.
import { inject } from 'vitest';

export type HttpResponse = {
  status: number;
  location: string | null;
  contentType: string;
  body: string;
};

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  /** A string or raw bytes, sent as is; `json` is serialized with a JSON content type. */
  body?: string | Uint8Array;
  json?: unknown;
  /** Leave the Origin header out (a request not made by a browser page). */
  noOrigin?: boolean;
  /** Ignore the cookies the answer sets (the jar stays as it was). */
  keepCookies?: boolean;
};

export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string = inject('baseUrl')) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = /max-age=0\b|expires=thu, 01 jan 1970/i.test(line);
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (!options.noOrigin) headers.origin ??= this.baseUrl;
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, this.baseUrl), {
      method: options.method ?? 'GET',
      headers,
      body: body as BodyInit | undefined,
      redirect: 'manual',
    });
    if (options.keepCookies !== false) this.keep(response);
    return {
      status: response.status,
      location: response.headers.get('location'),
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }

  get(path: string, options: Omit<RequestOptions, 'method'> = {}) {
    return this.request(path, { ...options, method: 'GET' });
  }

  post(path: string, options: Omit<RequestOptions, 'method'> = {}) {
    return this.request(path, { ...options, method: 'POST' });
  }

  /** NextAuth's CSRF token (and its cookie, kept in the jar). */
  async csrfToken(): Promise<string> {
    const response = await this.get('/api/auth/csrf');
    if (response.status !== 200) throw new Error(`GET /api/auth/csrf: ${response.status}`);
    return (JSON.parse(response.body) as { csrfToken: string }).csrfToken;
  }

  /** Signs in with email and password as the sign-in form does; throws when refused. */
  async signIn(email: string, password: string): Promise<void> {
    const csrfToken = await this.csrfToken();
    const response = await this.post('/api/auth/callback/credentials', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    });
    const session = await this.get('/api/auth/session');
    const user = (JSON.parse(session.body || '{}') as { user?: { email?: string } }).user;
    if (user?.email !== email.toLowerCase()) {
      throw new Error(
        `signing in as ${email} failed: callback ${response.status} ${response.body.slice(0, 200)}`,
      );
    }
  }
}
