export interface ErrorIssue {
  readonly path: string;
  readonly message: string;
}

/** Base of every error we raise on purpose. `retryable` is decided once, where the error is made. */
export abstract class PartnersyncError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: number;
  abstract readonly retryable: boolean;
  readonly issues: readonly ErrorIssue[] | undefined;

  constructor(message: string, options?: { cause?: unknown; issues?: readonly ErrorIssue[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.issues = options?.issues;
  }

  toJSON(): { code: string; message: string; issues?: readonly ErrorIssue[] } {
    return this.issues === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, issues: this.issues };
  }
}
