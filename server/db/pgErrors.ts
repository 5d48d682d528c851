/** The SQLSTATE and constraint of a PostgreSQL error; both drivers put them on the error object. */
interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
}

function fields(err: unknown): PgErrorFields {
  return typeof err === 'object' && err !== null ? (err as PgErrorFields) : {};
}

/** A unique index refused a row; with `index`, only that index. */
export function isUniqueViolation(err: unknown, index?: string): boolean {
  const { code, constraint } = fields(err);
  return code === '23505' && (index === undefined || constraint === index);
}

/** A foreign key refused a row (it names something that does not exist). */
export function isForeignKeyViolation(err: unknown): boolean {
  return fields(err).code === '23503';
}
