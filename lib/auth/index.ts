// Sign-in, sessions and role guards.
import 'server-only';

export { buildAuthOptions, enabledOAuthProviders } from './options';
export {
  getCurrentUser,
  getCurrentSession,
  requireUser,
  requireRole,
  roleAtLeast,
  AuthorizationError,
} from './session';
export { registerUser, signUpSchema, signInSchema, type RegisterResult } from './credentials';
export { hashPassword, verifyPassword } from './password';
export { safeCallbackUrl } from './callback-url';
export { seedDemoUsers, demoAccountsAvailable, DEMO_USERS } from './demo-users';
export { changePassword, type ChangePasswordResult } from './change-password';
export { reissueSession } from './reissue-session';
