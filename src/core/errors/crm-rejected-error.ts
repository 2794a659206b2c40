import { PartnersyncError } from './partnersync-error.js';

/** The CRM refused this request or record (validation, not found). Retrying the same input cannot help. */
export class CrmRejectedError extends PartnersyncError {
  readonly code = 'crm_rejected';
  readonly httpStatus = 502;
  readonly retryable = false;
  /** The CRM's own error code, e.g. REQUIRED_FIELD_MISSING or VALIDATION_ERROR. */
  readonly crmCode: string;
  readonly fields: readonly string[];

  constructor(
    message: string,
    crmCode: string,
    fields: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.crmCode = crmCode;
    this.fields = fields;
  }
}
