import { PartnersyncError } from './partnersync-error.js';

/** Env or configuration file is invalid; the process refuses to start. */
export class ConfigError extends PartnersyncError {
  readonly code = 'config_invalid';
  readonly httpStatus = 500;
  readonly retryable = false;
}
