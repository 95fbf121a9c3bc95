// What Ackademy adds to NextAuth's session and token types.
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user?: {
      id?: string;
      sv?: number;
      name?: string | null;
      email?: string | null;
      image?: string | null;
    };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    /** The server-side session (UserSession.id) this token belongs to. */
    sid?: string;
  }
}
