/** `--name N` from the command line: a positive whole number, or `fallback` when absent. */
export function numberArg(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} takes a positive whole number (got "${argv[i + 1] ?? ''}")`);
  return v;
}
