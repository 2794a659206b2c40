import type { ErrorRequestHandler, RequestHandler } from 'express';
import { PartnersyncError } from '../core/errors/index.js';
import type { Logger } from '../core/logger.js';
import { sendError } from './send-error.js';

interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return (
    typeof err === 'object' &&
    err !== null &&
    'type' in err &&
    'status' in err &&
    typeof err.type === 'string'
  );
}

export function notFound(): RequestHandler {
  return (req, res) => sendError(res, 404, 'not_found', `no route for ${req.method} ${req.path}`);
}

/** Maps thrown errors to JSON bodies; unknown errors are logged and hidden behind a 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof PartnersyncError) {
      sendError(res, err.httpStatus, err.code, err.message, err.issues);
      return;
    }
    if (isBodyParserError(err)) {
      if (err.type === 'entity.too.large') {
        sendError(res, 413, 'payload_too_large', 'request body exceeds the configured limit');
        return;
      }
      if (err.type === 'entity.parse.failed') {
        sendError(res, 400, 'malformed_json', 'request body is not valid JSON');
        return;
      }
      sendError(res, err.status >= 400 && err.status < 500 ? err.status : 400, 'bad_request', err.message);
      return;
    }
    log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendError(res, 500, 'internal_error', 'internal error');
  };
}
