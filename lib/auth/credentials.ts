// What a valid email and password look like, shared by sign-up and sign-in so the two
// never disagree, and account registration.
import { z } from 'zod';
import { createUser, DuplicateEmailError, type Locale, type UserDto } from '@/lib/db';
import { hashPassword } from './password';

export const emailSchema = z
  .string()
  .trim()
  .min(3, 'email-invalid')
  .max(254, 'email-invalid')
  .email('email-invalid');

export const passwordSchema = z.string().min(8, 'password-short').max(128, 'password-long');

export const signUpSchema = z.object({
  name: z.string().trim().max(80, 'name-long').optional().default(''),
  email: emailSchema,
  password: passwordSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(128),
});

export type SignUpInput = z.input<typeof signUpSchema>;

/** The codes above, which the forms translate; zod's own messages (a missing field) are not. */
const KNOWN_CODES = new Set(['email-invalid', 'password-short', 'password-long', 'name-long']);

export type RegisterResult =
  { ok: true; user: UserDto } | { ok: false; field: 'email' | 'password' | 'name'; code: string };

/** Creates a student account with an argon2id-hashed password. */
export async function registerUser(input: unknown, locale: Locale | null): Promise<RegisterResult> {
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
  try {
    const user = await createUser({
      email: parsed.data.email,
      name: parsed.data.name === '' ? null : parsed.data.name,
      passwordHash: await hashPassword(parsed.data.password),
      locale,
    });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof DuplicateEmailError)
      return { ok: false, field: 'email', code: 'email-taken' };
    throw error;
  }
}
