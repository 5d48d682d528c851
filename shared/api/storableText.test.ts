import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './storableText';

describe('findUnstorableText', () => {
  it('accepts any well-formed text, emoji and all', () => {
    expect(findUnstorableText({ name: 'Zoë 👩🏽‍💼', list: ['a', 1, null, { deep: 'ok' }] })).toBeUndefined();
  });

  it('names the first field holding NUL or half a surrogate pair', () => {
    expect(findUnstorableText({ a: 'fine', b: ['x', 'y\u0000z'] })).toEqual({ path: 'b.1', message: 'Text must not contain NUL characters' });
    expect(findUnstorableText({ name: 'ab\ud800' })).toEqual({ path: 'name', message: 'Text must be valid Unicode (it has half of a surrogate pair)' });
    expect(findUnstorableText({ name: '\udc00ab' })?.path).toBe('name');
    expect(findUnstorableText('\u0000')?.path).toBe('(root)');
  });

  it('checks object keys too', () => {
    expect(findUnstorableText({ 'bad\u0000key': 1 })).toEqual({ path: 'bad\u0000key', message: 'Text must not contain NUL characters' });
  });
});
