import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rendererLocation } from './rendererLocation';

const rendererDir = '/opt/Desk Diary/resources/app.asar/out/renderer';
const ownPage = pathToFileURL(`${rendererDir}/index.html`).href;

describe('rendererLocation (built app)', () => {
  const location = rendererLocation({ rendererDir });

  it('loads index.html from out/renderer', () => {
    expect(location.entry).toEqual({ kind: 'file', path: `${rendererDir}/index.html` });
  });

  it('trusts pages under out/renderer, with any hash or query', () => {
    expect(location.isAppUrl(ownPage)).toBe(true);
    expect(location.isAppUrl(`${ownPage}#/patrons/42`)).toBe(true);
    expect(location.isAppUrl(pathToFileURL(`${rendererDir}/assets/x.html`).href)).toBe(true);
  });

  it('refuses other files, path tricks, other schemes and garbage', () => {
    expect(location.isAppUrl('file:///home/staff/Downloads/evil.html')).toBe(false);
    expect(location.isAppUrl(`file://${rendererDir}/../../evil.html`)).toBe(false);
    expect(location.isAppUrl(`file://${rendererDir}-evil/index.html`)).toBe(false);
    expect(location.isAppUrl(`file://fileserver${rendererDir}/index.html`)).toBe(false);
    expect(location.isAppUrl('https://example.com/')).toBe(false);
    expect(location.isAppUrl('not a url')).toBe(false);
    expect(location.isAppUrl(undefined)).toBe(false);
  });
});

describe('rendererLocation (electron-vite dev)', () => {
  const location = rendererLocation({ rendererDir, devServerUrl: 'http://localhost:5173/' });

  it('loads the dev server and trusts only its origin', () => {
    expect(location.entry).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(location.isAppUrl('http://localhost:5173/#/today')).toBe(true);
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(location.isAppUrl(ownPage)).toBe(false);
  });
});
