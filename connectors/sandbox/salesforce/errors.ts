import { SandboxHttpError } from '../http-error.js';

/** Per-record error inside sObject Collections / save results. */
export interface SfRecordError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
export function sfError(
  status: number,
  errorCode: string,
  message: string,
  fields?: readonly string[],
): SandboxHttpError {
  return new SandboxHttpError(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
}

export function sfErrors(status: number, errors: readonly SfRecordError[]): SandboxHttpError {
  return new SandboxHttpError(
    status,
    errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })),
  );
}

export const notFound = (): SandboxHttpError =>
  sfError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const badJson = (message: string): SandboxHttpError => sfError(400, 'JSON_PARSER_ERROR', message);
