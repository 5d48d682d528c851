import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase; the cap keeps one login from costing the server much. */
export const PASSWORD_MAX_LENGTH = 200;

// The passwords tried first by anyone guessing; a desk password must not be one of them.
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '12345678910', '1q2w3e4r5t', 'qwertyuiop', 'asdfghjkl;', 'password12', 'password123',
  'password1234', 'passw0rd12', 'iloveyou12', 'letmein123', 'welcome123', 'changeme12', 'administrator',
  'library123', 'museum1234', 'qwerty1234', 'abcdefghij', 'abc1234567',
]);

/**
 * Why a new password is refused, in words for the person choosing it; undefined when it is
 * acceptable. Length over composition rules (NIST SP 800-63B): long, not a well-known
 * password, not the username, not one character repeated.
 */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters (a few words make a good password)`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This is one of the most common passwords; choose another';
  if (new Set(lower).size < 4) return 'Use more than three different characters';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'The password must not contain the username';
  return undefined;
}

/** A new password (create staff, reset password): the policy above as a schema. */
export const NewPasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
