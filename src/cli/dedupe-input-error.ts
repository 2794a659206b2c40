import { PartnersyncError } from '../core/errors/index.js';

/** A dedupe input file that cannot be read as records; names the file, line and column at fault. */
export class DedupeInputError extends PartnersyncError {
  readonly code = 'dedupe_input_invalid';
  readonly httpStatus = 400;
  readonly retryable = false;
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;

  constructor(
    message: string,
    where: { file: string; line?: number; column?: string },
    options?: { cause?: unknown },
  ) {
    const at = [
      where.line === undefined ? null : `line ${where.line}`,
      where.column === undefined ? null : `column ${where.column}`,
    ]
      .filter((part) => part !== null)
      .join(', ');
    super(`${where.file}${at === '' ? '' : `: ${at}`}: ${message}`, options);
    this.file = where.file;
    this.line = where.line ?? null;
    this.column = where.column ?? null;
  }
}
