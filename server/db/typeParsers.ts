/** PostgreSQL type ids whose parsing both drivers must agree on. */
export const INT8_OID = 20;

/**
 * bigint (count(*), sequences) as a JS number on both drivers: node-postgres would give a
 * string and PGlite a number. Refuses values a number cannot hold exactly rather than
 * rounding them.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit a JavaScript number exactly`);
  return value;
}
