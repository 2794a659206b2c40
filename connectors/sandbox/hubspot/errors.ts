import { randomUUID } from 'node:crypto';
import { SandboxHttpError } from '../http-error.js';

// https://developers.hubspot.com/docs/api/error-handling
export function hsBody(
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function hsError(
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): SandboxHttpError {
  return new SandboxHttpError(status, hsBody(category, message, extra));
}

export const validationError = (message: string): SandboxHttpError =>
  hsError(400, 'VALIDATION_ERROR', message);

export const objectNotFound = (id: string): SandboxHttpError =>
  hsError(404, 'OBJECT_NOT_FOUND', 'resource not found', { context: { id: [id] } });

/** One property problem in HubSpot's `Property values were not valid` list. */
export interface PropertyProblem {
  readonly isValid: false;
  readonly message: string;
  readonly error:
    | 'PROPERTY_DOESNT_EXIST'
    | 'INVALID_INTEGER'
    | 'INVALID_OPTION'
    | 'INVALID_BOOLEAN'
    | 'INVALID_DATE'
    | 'READ_ONLY_VALUE';
  readonly name: string;
  readonly localizedErrorMessage: string;
}

export function propertyProblemsMessage(problems: readonly PropertyProblem[]): string {
  return `Property values were not valid: ${JSON.stringify(problems)}`;
}
