// Runs in a worker thread: only node builtins and fast-xml-parser, so it loads as plain JS once
// compiled and under Node's own type stripping from the sources.
import { parentPort } from 'node:worker_threads';
import { XMLParser, type X2jOptions } from 'fast-xml-parser';

export interface XmlParseRequest {
  readonly id: number;
  readonly xml: string;
  readonly options: X2jOptions;
}

export type XmlParseReply =
  | { readonly id: number; readonly ok: true; readonly document: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

const parsers = new Map<string, XMLParser>();

parentPort?.on('message', (request: XmlParseRequest) => {
  const key = JSON.stringify(request.options);
  let parser = parsers.get(key);
  if (parser === undefined) {
    parser = new XMLParser(request.options);
    parsers.set(key, parser);
  }
  let reply: XmlParseReply;
  try {
    // Without validation the parser silently repairs malformed XML.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    reply = { id: request.id, ok: true, document: parser.parse(request.xml, true) as unknown };
  } catch (err) {
    reply = { id: request.id, ok: false, message: err instanceof Error ? err.message : 'malformed XML' };
  }
  parentPort?.postMessage(reply);
});
