/**
 * Sync server origins the renderer may connect to besides 127.0.0.1, from
 * DESK_DIARY_SYNC_ORIGINS (comma-separated, e.g. "https://sync.library.example").
 * Entries that are not http(s) URLs are dropped rather than widening the policy.
 */
export function syncOriginsFromEnv(value: string | undefined): string[] {
  if (!value) return [];
  const origins: string[] = [];
  for (const entry of value.split(',')) {
    try {
      const url = new URL(entry.trim());
      if (url.protocol === 'http:' || url.protocol === 'https:') origins.push(url.origin);
    } catch {
      // not a URL: ignored
    }
  }
  return origins;
}
