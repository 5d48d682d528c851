import { describe, expect, it } from 'vitest';
import { syncOriginsFromEnv } from './syncOrigins';

describe('syncOriginsFromEnv', () => {
  it('keeps http(s) origins and drops everything else', () => {
    expect(syncOriginsFromEnv('https://sync.library.example/api, http://10.0.0.5:8787 ,ftp://x, nonsense,')).toEqual([
      'https://sync.library.example',
      'http://10.0.0.5:8787',
    ]);
    expect(syncOriginsFromEnv(undefined)).toEqual([]);
  });
});
