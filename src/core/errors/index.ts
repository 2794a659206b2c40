export { PartnersyncError, type ErrorIssue } from './partnersync-error.js';
export { ConfigError } from './config-error.js';
export { WebhookAuthError } from './webhook-auth-error.js';
export { WebhookPayloadError } from './webhook-payload-error.js';
export { CrmRateLimitError } from './crm-rate-limit-error.js';
export { CrmTransientError } from './crm-transient-error.js';
export { CrmAuthError } from './crm-auth-error.js';
export { CrmRejectedError } from './crm-rejected-error.js';
export { MappingError } from './mapping-error.js';
