import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, needsRehash, verifyPassword } from './passwordHash';

const CHEAP = { logN: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores the parameters, a salt and the key in PHC format, never the password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hash).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple', CHEAP);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here', CHEAP), hashPassword('same password here', CHEAP)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, whatever the current default', async () => {
    const hash = await hashPassword('an older, cheaper hash', CHEAP);
    expect(hash).toContain('$ln=10,r=8,p=1$');
    expect(await verifyPassword('an older, cheaper hash', hash)).toBe(true);
    expect(needsRehash(hash)).toBe(true);
    expect(needsRehash(hash, CHEAP)).toBe(false);
    expect(needsRehash(await hashPassword('x'.repeat(12)), DEFAULT_SCRYPT_COST)).toBe(false);
  });

  it('treats the same text typed with composed or decomposed accents as one password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait tous les jours', CHEAP);
    expect(await verifyPassword('cafe\u0301 au lait tous les jours', hash)).toBe(true);
  });

  it('answers false, never throws, for an unreadable or hostile stored hash', async () => {
    for (const stored of ['', 'plain text', '$scrypt$ln=15,r=8,p=1$$', '$scrypt$ln=40,r=8,p=1$c2FsdA$a2V5', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$a2V5']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });
});
