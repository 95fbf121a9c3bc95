// Wraps a route handler so cross-site state-changing requests get a 403 before it runs.
import { securityEnv } from './config';
import { checkSameOrigin } from './origin';

type Handler<C> = (request: Request, context: C) => Promise<Response> | Response;

export function withSameOrigin<C>(handler: Handler<C>): Handler<C> {
  return (request, context) => {
    const verdict = checkSameOrigin(request, securityEnv());
    if (!verdict.ok) {
      return Response.json(
        { error: 'cross-site-request', detail: 'This request must come from this site.' },
        { status: 403 },
      );
    }
    return handler(request, context);
  };
}
