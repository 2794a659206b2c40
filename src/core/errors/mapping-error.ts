import type { ErrorIssue } from './partnersync-error.js';
import { PartnersyncError } from './partnersync-error.js';

/** A mapping is invalid, or met data it cannot map. `path` names the mapping field at fault. */
export class MappingError extends PartnersyncError {
  readonly code = 'mapping_invalid';
  readonly httpStatus = 422;
  readonly retryable = false;
  readonly path: string;

  constructor(message: string, path: string, options?: { cause?: unknown; issues?: readonly ErrorIssue[] }) {
    super(message, options);
    this.path = path;
  }
}
