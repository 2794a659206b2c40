import { parseFullName } from 'parse-full-name';

export interface NameParts {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly suffix: string | null;
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/**
 * Splits one "full name" cell of an export (`Jon Smith`, `Smith, Jon`, `Dr. Robert J. Smith Jr.`,
 * `Maria de la Cruz`) into first name, last name and suffix, with parse-full-name (titles dropped,
 * particles kept with the last name, a quoted nickname ignored). Case is kept as typed. A single word
 * is taken as a last name, as the parser does: the side a one-word name belongs to cannot be known.
 */
export function splitFullName(text: string): NameParts {
  const parsed = parseFullName(text, 'all', 0, 0, 1);
  return { firstName: orNull(parsed.first), lastName: orNull(parsed.last), suffix: orNull(parsed.suffix) };
}
