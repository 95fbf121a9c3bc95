// What a valid name, email and password look like, shared by sign-up, sign-in, password
// changes and OAuth profiles so they never disagree; and account registration.
import { z } from 'zod';
import { createUser, DuplicateEmailError, type Locale } from '@/lib/db';
import { logSecurityEvent } from '@/lib/security/security-log';
import { isCommonPassword } from './common-passwords';
import { hashPassword } from './password';

export const emailSchema = z
  .string()
  .trim()
  .min(3, 'email-invalid')
  .max(254, 'email-invalid')
  .email('email-invalid');

export const passwordSchema = z.string().min(12, 'password-short').max(128, 'password-long');

/**
 * Characters a name may not hold: controls (NUL, newlines, escapes), format characters
 * (right-to-left overrides and isolates, zero-width spaces, the BOM), line and paragraph
 * separators, private-use and lone surrogates. They can make a name display as something
 * else, or break the CSV and logs it ends up in. The zero-width (non-)joiners U+200C/U+200D
 * stay allowed: some scripts and emoji need them, and they reorder nothing.
 */
const UNSAFE_NAME_CHARACTER = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/u;

/** A person's display name: the one rule for sign-up, account edits and OAuth profiles. */
export const nameSchema = z
  .string()
  .trim()
  .max(80, 'name-long')
  .refine((name) => !UNSAFE_NAME_CHARACTER.test(name), 'name-invalid');

/** A name from elsewhere (an OAuth profile): kept when valid, dropped (null) otherwise. */
export function acceptableName(value: unknown): string | null {
  const parsed = nameSchema.safeParse(value);
  return parsed.success && parsed.data !== '' ? parsed.data : null;
}

/**
 * The checks a new password gets beyond its length: not one of the most common passwords.
 * Returns the error code, or null when the password may be used.
 */
export async function newPasswordProblem(password: string): Promise<'password-common' | null> {
  return (await isCommonPassword(password)) ? 'password-common' : null;
}

export const signUpSchema = z.object({
  name: nameSchema.optional().default(''),
  email: emailSchema,
  password: passwordSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(128),
});

export type SignUpInput = z.input<typeof signUpSchema>;

/** The codes above, which the forms translate; zod's own messages (a missing field) are not. */
const KNOWN_CODES = new Set([
  'email-invalid',
  'password-short',
  'password-long',
  'name-long',
  'name-invalid',
]);

/**
 * `{ ok: true }` means "accepted": the account was created, or one with this email exists
 * already. The two answers are the same so that sign-up does not tell who has an account
 * (the sign-in that follows succeeds only for whoever knows the account's password).
 */
export type RegisterResult =
  { ok: true } | { ok: false; field: 'email' | 'password' | 'name'; code: string };

/** Creates a student account with an argon2id-hashed password. */
export async function registerUser(
  input: unknown,
  locale: Locale | null,
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<RegisterResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    return {
      ok: false,
      field: field === 'password' || field === 'name' ? field : 'email',
      code: issue && KNOWN_CODES.has(issue.message) ? issue.message : 'invalid',
    };
  }
  const problem = await newPasswordProblem(parsed.data.password);
  if (problem) return { ok: false, field: 'password', code: problem };
  // Hashed before the email is looked at: a taken email costs the same time as a new one.
  const passwordHash = await hash(parsed.data.password);
  try {
    await createUser({
      email: parsed.data.email,
      name: parsed.data.name === '' ? null : parsed.data.name,
      passwordHash,
      locale,
    });
    logSecurityEvent({ event: 'auth.signup', outcome: 'created' });
  } catch (error) {
    if (!(error instanceof DuplicateEmailError)) throw error;
    // The operator sees it; the visitor's answer does not change.
    logSecurityEvent({ event: 'auth.signup', outcome: 'refused' });
  }
  return { ok: true };
}
