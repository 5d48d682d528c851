import { describe, expect, it } from 'vitest';
import { readAppInfo } from './appInfo';

describe('readAppInfo', () => {
  it('reports the packaged name and version, the electron host and the platform', () => {
    const app = { getName: () => 'Desk Diary', getVersion: () => '0.1.0' };
    expect(readAppInfo(app, 'win32')).toEqual({ name: 'Desk Diary', version: '0.1.0', host: 'electron', platform: 'win32' });
  });
});
