import { Worker } from 'node:worker_threads';
import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import type { XmlParseReply, XmlParseRequest } from './xml-parse-worker.js';

/**
 * `malformed`: the parser refused the text (its own message). `timeout`: this parse ran past its deadline.
 * `stopped`: the worker stopped under this request (another request's timeout); retrying may succeed.
 */
export class XmlParseFailure extends Error {
  readonly kind: 'malformed' | 'timeout' | 'stopped';
  constructor(message: string, kind: XmlParseFailure['kind']) {
    super(message);
    this.name = 'XmlParseFailure';
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
  import.meta.url.endsWith('.ts') ? './xml-parse-worker.ts' : './xml-parse-worker.js',
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
  const w = new Worker(WORKER_URL);
  w.on('message', (reply: XmlParseReply) => {
    const p = pending.get(reply.id);
    if (p === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    clearTimeout(p.timer);
    if (reply.ok) p.resolve(reply.document);
    else p.reject(new XmlParseFailure(reply.message, 'malformed'));
  });
  w.on('error', (err: Error) => {
    if (worker === w) worker = undefined;
    failAll(new XmlParseFailure(`XML parser worker failed: ${err.message}`, 'stopped'));
  });
  w.on('exit', () => {
    if (worker === w) worker = undefined;
    failAll(new XmlParseFailure('XML parser worker stopped', 'stopped'));
  });
  // Idle, it never keeps the process alive (listeners are attached first: attaching one refs it again).
  w.unref();
  worker = w;
  return w;
}

/**
 * Parses XML with fast-xml-parser (validating) in a worker thread, so a large document costs the event
 * loop only the copy of its result. Requests queue in one worker; a parse that runs past `timeoutMs`
 * stops the worker (the next request starts a new one) and rejects with a timed-out `XmlParseFailure`.
 */
export function parseXmlOffThread(xml: string, options: X2jOptions, timeoutMs: number): Promise<unknown> {
  const w = started();
  const id = (nextId += 1);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      if (pending.size === 0) w.unref();
      reject(new XmlParseFailure(`XML parsing took longer than ${timeoutMs} ms`, 'timeout'));
      if (worker === w) worker = undefined;
      void w.terminate();
    }, timeoutMs);
    timer.unref();
    pending.set(id, { resolve, reject, timer });
    w.ref();
    const request: XmlParseRequest = { id, xml, options };
    w.postMessage(request);
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
    // Without validation the parser silently repairs malformed XML.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    return new XMLParser(parserOptions).parse(xml, true) as unknown;
  } catch (err) {
    throw new XmlParseFailure(err instanceof Error ? err.message : 'malformed XML', 'malformed');
  }
}
