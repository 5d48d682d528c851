import { describe, expect, it } from 'vitest';
import { NewPasswordSchema, PASSWORD_MAX_LENGTH, passwordProblem } from './passwordPolicy';

describe('passwordProblem', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple', 'alice')).toBeUndefined();
    expect(passwordProblem('Ünïcödé pässwörd')).toBeUndefined();
  });

  it('says why a password is refused', () => {
    expect(passwordProblem('short')).toMatch(/at least 10 characters/);
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toMatch(/at most 200/);
    expect(passwordProblem('Password123')).toMatch(/most common passwords/);
    expect(passwordProblem('abababababab')).toMatch(/more than three different characters/);
    expect(passwordProblem('alice-at-the-desk', 'Alice')).toMatch(/must not contain the username/);
  });

  it('is what NewPasswordSchema checks', () => {
    expect(NewPasswordSchema.safeParse('correct horse battery').success).toBe(true);
    const refused = NewPasswordSchema.safeParse('short');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/at least 10 characters/);
    expect(NewPasswordSchema.safeParse(1234567890).success).toBe(false);
  });
});
