const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL could not store this string as text (or as JSON), or undefined when it can. */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'Text must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'Text must be valid Unicode (it has half of a surrogate pair)';
  return undefined;
}

/**
 * The first string (or object key) in a JSON-like value that PostgreSQL cannot store: one
 * with a NUL character or a lone UTF-16 surrogate, both of which JSON can carry. Checked
 * at the HTTP boundary, so such text is refused with a 400 naming the field instead of
 * failing in the database.
 */
export function findUnstorableText(value: unknown, path: readonly (string | number)[] = []): { path: string; message: string } | undefined {
  const at = (p: readonly (string | number)[]) => p.join('.') || '(root)';
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { path: at(path), message } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyMessage = textProblem(key);
      if (keyMessage) return { path: at([...path, key]), message: keyMessage };
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
