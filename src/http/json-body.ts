import express, { type RequestHandler } from 'express';
import { MalformedJsonError } from '../core/errors/index.js';
import { checkJsonStructure, type JsonStructureLimits } from '../core/limits/json-structure.js';

export interface JsonBodyOptions {
  readonly limitBytes: number;
  readonly structure: JsonStructureLimits;
}

/**
 * JSON request bodies: read as text up to `limitBytes` (413 past it), checked in one linear pass against
 * the structure limits (413 past them), then parsed (400 `malformed_json`). Bodies of another content
 * type are left unread (`req.body` undefined); an empty JSON body is `{}`. Mount it after authentication,
 * so an anonymous caller costs no parsing.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler[] {
  const read = express.text({ type: ['application/json', 'application/*+json'], limit: options.limitBytes });
  const parse: RequestHandler = (req, _res, next) => {
    const text: unknown = req.body;
    if (typeof text !== 'string') {
      req.body = undefined;
      next();
      return;
    }
    if (text.trim() === '') {
      req.body = {};
      next();
      return;
    }
    checkJsonStructure(text, options.structure, 'request body');
    try {
      req.body = JSON.parse(text) as unknown;
    } catch (err) {
      throw new MalformedJsonError('request body is not valid JSON', { cause: err });
    }
    next();
  };
  return [read, parse];
}
