/**
 * Letters that Unicode does not decompose into base + accent, so NFD alone would leave
 * "Ø" or "ß" unmatched by someone typing on a plain keyboard.
 */
const UNDECOMPOSED: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i', ŀ: 'l', Ŀ: 'l',
};
const UNDECOMPOSED_RE = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'g');
const MARKS_RE = /\p{M}+/gu;

/** Lower-cases and strips accents: "José Núñez" → "jose nunez", "Müller" → "muller". */
export function foldForSearch(text: string): string {
  // Decompose first: "Ǣ" and "Ǿ" decompose to "Æ" and "Ø", which must then be mapped too.
  return text
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(UNDECOMPOSED_RE, (ch) => UNDECOMPOSED[ch] ?? ch)
    .toLowerCase();
}

/** Splits folded text into word tokens (letters and digits of any script). */
export function wordTokens(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}
