import type { Response } from 'express';
import type { ErrorIssue } from '../core/errors/index.js';

export interface ErrorBody {
  error: { code: string; message: string; issues?: readonly ErrorIssue[]; requestId?: string };
}

/** Every HTTP error body has this one shape: `{ "error": { "code", "message", "issues"? } }`. */
export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  issues?: readonly ErrorIssue[],
): void {
  const requestId: unknown = res.locals['requestId'];
  const body: ErrorBody = { error: { code, message } };
  if (issues !== undefined) body.error.issues = issues;
  if (typeof requestId === 'string') body.error.requestId = requestId;
  res.status(status).json(body);
}
