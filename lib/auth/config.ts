import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { endSessions, verifyCredentials } from "./credentials";
import { clientAddress } from "./throttle";
import { authSecret } from "./secret";
import { AppError } from "../errors";

declare module "next-auth" {
  interface Session {
    /** The user's session version when this session was issued (lib/auth/session.ts compares it on every request). */
    sv?: number;
  }
}

/** Too many attempts for this account or address: the login page says to try again later. */
export class SignInThrottled extends CredentialsSignin {
  code = "locked";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Every way in (the login form's server action, POST /api/auth/callback/credentials) comes through here,
      // so the throttle in verifyCredentials covers them all.
      authorize: async (credentials, request) => {
        try {
          const viewer = await verifyCredentials(credentials, clientAddress(request?.headers));
          return viewer ? { id: String(viewer.id), email: viewer.email, name: viewer.name, sv: viewer.sessionVersion } : null;
        } catch (error) {
          if (error instanceof AppError && error.code === "RATE_LIMITED") throw new SignInThrottled();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // The token carries the user id and session version; role and station are re-read from the database on every
    // request, and a session whose version is no longer the user's is refused.
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = (user as { sv?: number }).sv;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sv === "number") session.sv = token.sv;
      return session;
    },
  },
  events: {
    // Both our sign-out button and next-auth's own /api/auth/signout end up here: bump the version so a copy of
    // this session's cookie (and every other session of the user) stops working.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      const id = Number(token?.uid);
      if (Number.isInteger(id) && id > 0 && typeof token?.sv === "number") await endSessions(id, token.sv);
    },
  },
  logger: {
    // A wrong password is an expected outcome, audited as "signInFailed": no stack trace in the server log for it.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      const name = error instanceof AuthError ? error.type : error.name;
      console.error(`[auth][error] ${name}: ${error.message}`);
      // A client's mistake (a missing CSRF token, a bad callback) is one line; a stack only for a real failure.
      const cause = (error as { cause?: { err?: unknown } }).cause;
      if (cause?.err instanceof Error) console.error("[auth][cause]:", cause.err.stack);
      else if (!(error instanceof AuthError) && error.stack) console.error(error.stack);
    },
  },
});
