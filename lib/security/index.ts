// Security for pages, actions and route handlers: CSRF checks, rate limits, client address.
// (proxy.ts imports ./headers and ./config directly: it must not pull in the database.)
import 'server-only';

export { withSameOrigin } from './csrf-guard';
export { checkSameOrigin, type OriginVerdict } from './origin';
export { securityEnv, type SecurityEnv } from './config';
export { clientIp, SOCKET_ADDRESS_HEADER } from './client-ip';
export {
  checkRateLimit,
  rateLimitReached,
  rateLimitCounter,
  signInDelay,
  recordSignInFailure,
  clearSignInFailures,
  signInDelaySec,
  RATE_LIMIT_POLICIES,
  SIGN_IN_FAILURES,
  type RateLimitPolicy,
  type RateLimitVerdict,
} from './rate-limit';
export { rateLimitedMessage } from './rate-limit-message';
export { keyedSeed, serverKey, ServerKeyError, type ServerKeyPurpose } from './server-keys';
