import type { z } from 'zod';
import type { ErrorIssue } from '../src/core/errors/index.js';
import { WebhookPayloadError } from '../src/core/errors/index.js';
import { checkJsonStructure, type JsonStructureLimits } from '../src/core/limits/json-structure.js';

/** zod issues as `{ path, message }`, path joined with dots (`0.objectId`), `''` for the root. */
export function webhookPayloadIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((part) => (typeof part === 'symbol' ? (part.description ?? '') : String(part)))
      .join('.'),
    message: issue.message,
  }));
}

// Stateless between decode() calls (no `stream` option), so one instance serves every request.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Webhook bodies are flat lists of events whose records nest a few levels (compound fields); past these
 * limits a body is refused before `JSON.parse`, so no later walk over it can overflow the stack.
 */
export const WEBHOOK_JSON_LIMITS: JsonStructureLimits = { maxDepth: 32, maxValues: 200_000 };

/**
 * Parses a raw body as JSON, throwing `WebhookPayloadError` (400) when it is not UTF-8 JSON and
 * `PayloadLimitError` (413) when it nests deeper or holds more values than `limits`.
 */
export function parseJsonBody(
  rawBody: Buffer,
  what: string,
  limits: JsonStructureLimits = WEBHOOK_JSON_LIMITS,
): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(rawBody);
  } catch (err) {
    throw new WebhookPayloadError(`${what} body is not valid UTF-8`, {
      cause: err,
      issues: [{ path: '', message: 'invalid UTF-8' }],
    });
  }
  checkJsonStructure(text, limits, `${what} body`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new WebhookPayloadError(`${what} body is not valid JSON`, {
      cause: err,
      issues: [{ path: '', message: 'invalid JSON' }],
    });
  }
}

/** Runs a zod schema over a parsed body; failures become `WebhookPayloadError` with the issues. */
export function parseWebhookPayload<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = webhookPayloadIssues(result.error);
  throw new WebhookPayloadError(`${what} payload is invalid (${issues.length} issue(s))`, { issues });
}
