import { Worker } from 'node:worker_threads';
import type { X2jOptions } from 'fast-xml-parser';
import {
  PARSE_WORKER_MARK,
  parseXmlText,
  type ParseReply,
  type ParseRequest,
  type YamlSource,
} from './parse-worker.js';

/**
 * `malformed`: the parser refused the text (its own message). `timeout`: this parse ran past its deadline.
 * `stopped`: the worker stopped under this request (another request's timeout); retrying may succeed.
 */
export class ParseFailure extends Error {
  readonly kind: 'malformed' | 'timeout' | 'stopped';
  constructor(message: string, kind: ParseFailure['kind']) {
    super(message);
    this.name = 'ParseFailure';
    this.kind = kind;
  }
}

interface Pending {
  readonly resolve: (document: unknown) => void;
  readonly reject: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
}

// From the sources (tsx, vitest) the worker is the .ts file beside this one; once compiled, the .js.
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js',
  import.meta.url,
);

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(err);
  }
}

function started(): Worker {
  if (worker !== undefined) return worker;
  const w = new Worker(WORKER_URL, { workerData: PARSE_WORKER_MARK });
  w.on('message', (reply: ParseReply) => {
    const p = pending.get(reply.id);
    if (p === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    clearTimeout(p.timer);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new ParseFailure(reply.message, 'malformed'));
  });
  w.on('error', (err: Error) => {
    if (worker === w) worker = undefined;
    failAll(new ParseFailure(`parser worker failed: ${err.message}`, 'stopped'));
  });
  w.on('exit', () => {
    if (worker === w) worker = undefined;
    failAll(new ParseFailure('parser worker stopped', 'stopped'));
  });
  // Idle, it never keeps the process alive (listeners are attached first: attaching one refs it again).
  w.unref();
  worker = w;
  return w;
}

/**
 * Parses XML with fast-xml-parser (validating) in a worker thread, so a large document costs the event
 * loop only the copy of its result. Requests queue in one worker; a parse that runs past `timeoutMs`
 * stops the worker (the next request starts a new one) and rejects with a timed-out `ParseFailure`.
 */
export function parseXmlOffThread(xml: string, options: X2jOptions, timeoutMs: number): Promise<unknown> {
  return offThread((id) => ({ id, kind: 'xml', text: xml, options }), timeoutMs);
}

/** `parseYamlSource` in the worker, with the same deadline handling as `parseXmlOffThread`. */
export async function parseYamlOffThread(
  text: string,
  maxNodes: number,
  timeoutMs: number,
): Promise<YamlSource> {
  return (await offThread((id) => ({ id, kind: 'yaml', text, maxNodes }), timeoutMs)) as YamlSource;
}

function offThread(request: (id: number) => ParseRequest, timeoutMs: number): Promise<unknown> {
  const w = started();
  const id = (nextId += 1);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      if (pending.size === 0) w.unref();
      reject(new ParseFailure(`parsing took longer than ${timeoutMs} ms`, 'timeout'));
      if (worker === w) worker = undefined;
      void w.terminate();
    }, timeoutMs);
    timer.unref();
    pending.set(id, { resolve, reject, timer });
    w.ref();
    w.postMessage(request(id));
  });
}

/**
 * Parses small documents (at most `inlineElements` elements: a few milliseconds) on the calling thread and
 * larger ones in the worker, so neither the common case pays a thread hop nor a large one blocks the loop.
 */
export async function parseXmlBounded(
  xml: string,
  elements: number,
  options: X2jOptions & { readonly inlineElements: number; readonly timeoutMs: number },
): Promise<unknown> {
  const { inlineElements, timeoutMs, ...parserOptions } = options;
  if (elements > inlineElements) return parseXmlOffThread(xml, parserOptions, timeoutMs);
  try {
    return parseXmlText(xml, parserOptions);
  } catch (err) {
    throw new ParseFailure(err instanceof Error ? err.message : 'malformed XML', 'malformed');
  }
}

/** Starts the parser worker ahead of the first large request (a thread start costs tens of ms of CPU). */
export function warmParseWorker(): void {
  started();
}
