/**
 * A spreadsheet treats a cell that starts with = + - @ (or a tab or carriage return, which
 * some strip before looking) as a formula: a patron named =HYPERLINK("http://x") would
 * become a live link. Such text gets a leading apostrophe, the OWASP-recommended
 * neutralisation: the cell then shows as text, with the apostrophe visible.
 */
export const FORMULA_STARTS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula(text: string): string {
  return FORMULA_STARTS.has(text.charAt(0)) ? `'${text}` : text;
}
