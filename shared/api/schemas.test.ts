import { describe, expect, it } from 'vitest';
import { LoginRequestSchema } from './auth';
import { CreateBranchRequestSchema } from './branches';
import { IdParamsSchema, NoBodySchema, NoQuerySchema } from './common';
import { isApiErrorBody } from './errors';
import { CreateStaffRequestSchema, UpdateStaffRequestSchema, UsernameSchema } from './staff';

const BRANCH = '01890000-0000-7000-8000-000000000001';

describe('HTTP API schemas', () => {
  it('trims names and usernames', () => {
    expect(UsernameSchema.parse('  Alice.M ')).toBe('Alice.M');
    expect(CreateBranchRequestSchema.parse({ name: '  Annex ' })).toEqual({ name: 'Annex' });
  });

  it('allows letters of any script in usernames, but no spaces or leading punctuation', () => {
    expect(UsernameSchema.safeParse('zoë.müller').success).toBe(true);
    expect(UsernameSchema.safeParse('ana maria').success).toBe(false);
    expect(UsernameSchema.safeParse('.hidden').success).toBe(false);
    expect(UsernameSchema.safeParse('a').success).toBe(false);
  });

  it('refuses unknown keys, so a typo is an error rather than silently ignored', () => {
    expect(CreateBranchRequestSchema.safeParse({ name: 'Annex', nmae: 'x' }).success).toBe(false);
    expect(LoginRequestSchema.safeParse({ username: 'a', password: 'b', remember: true }).success).toBe(false);
    expect(NoQuerySchema.safeParse({ page: '2' }).success).toBe(false);
  });

  it('refuses control characters in names and login usernames', () => {
    expect(CreateBranchRequestSchema.safeParse({ name: 'Annex\nEast' }).success).toBe(false);
    expect(LoginRequestSchema.safeParse({ username: 'a\u0000b', password: 'x' }).success).toBe(false);
  });

  it('needs a branch for desk and manager staff, not for admins', () => {
    const staff = { username: 'eli', displayName: 'Eli', branchIds: [], password: 'a fine password' };
    expect(CreateStaffRequestSchema.safeParse({ ...staff, role: 'desk' }).success).toBe(false);
    expect(CreateStaffRequestSchema.safeParse({ ...staff, role: 'admin' }).success).toBe(true);
    expect(CreateStaffRequestSchema.safeParse({ ...staff, role: 'manager', branchIds: [BRANCH, BRANCH] }).success).toBe(false);
  });

  it('needs at least one change in a staff update', () => {
    expect(UpdateStaffRequestSchema.safeParse({}).success).toBe(false);
    expect(UpdateStaffRequestSchema.safeParse({ disabled: false }).success).toBe(true);
  });

  it('takes ids as UUIDs and no body as nothing or {}', () => {
    expect(IdParamsSchema.safeParse({ id: BRANCH }).success).toBe(true);
    expect(IdParamsSchema.safeParse({ id: '42' }).success).toBe(false);
    for (const body of [undefined, null, {}]) expect(NoBodySchema.safeParse(body).success).toBe(true);
    expect(NoBodySchema.safeParse({ all: true }).success).toBe(false);
  });

  it('recognises the error body shape', () => {
    expect(isApiErrorBody({ error: { code: 'validation', message: 'name: too long', fields: [] } })).toBe(true);
    expect(isApiErrorBody({ error: { code: 'no-such-code', message: 'x' } })).toBe(false);
    expect(isApiErrorBody({ error: { code: 'internal', message: '' } })).toBe(false);
    expect(isApiErrorBody({ statusCode: 500 })).toBe(false);
  });
});
