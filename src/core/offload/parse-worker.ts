// Runs in a worker thread and is imported by the main thread too. It imports only node builtins and the
// parsers, so it loads as plain JS once compiled and under Node's own type stripping from the sources.
import { parentPort, workerData } from 'node:worker_threads';
import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** Set in `workerData` of the workers started for this module, so importing it elsewhere does nothing. */
export const PARSE_WORKER_MARK = 'partnersync-parse-worker';

export type ParseRequest =
  | { readonly id: number; readonly kind: 'xml'; readonly text: string; readonly options: X2jOptions }
  | { readonly id: number; readonly kind: 'yaml'; readonly text: string; readonly maxNodes: number };

export type ParseReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

export interface YamlSourceIssue {
  readonly message: string;
  /** 1-based. */
  readonly line: number | null;
}

/**
 * A YAML (or JSON) text as plain data with the 1-based line of every key and item, by dotted path, or
 * the issues that stop it. Linear in the text: keys are checked for uniqueness with one set per map
 * (the parser's own check compares every pair), aliases are never followed while walking, and their
 * expansion is capped (`maxAliasCount`), so an alias bomb is an issue, not a hang.
 */
export type YamlSource =
  | { readonly ok: true; readonly value: unknown; readonly lines: Readonly<Record<string, number>> }
  | { readonly ok: false; readonly issues: readonly YamlSourceIssue[] };

const MAX_ISSUES = 50;

export function parseYamlSource(text: string, maxNodes: number): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.slice(0, MAX_ISSUES).map((err) => ({
        message: err.message.split('\n')[0] ?? err.message,
        line: counter.linePos(err.pos[0]).line,
      })),
    };
  }
  const lines: Record<string, number> = Object.create(null) as Record<string, number>;
  const issues: YamlSourceIssue[] = [];
  const lineAt = (range: readonly number[] | null | undefined): number | null =>
    range?.[0] === undefined ? null : counter.linePos(range[0]).line;
  if (isMap(doc.contents) || isSeq(doc.contents)) {
    const root = lineAt(doc.contents.range);
    if (root !== null) lines[''] = root;
  }
  let nodes = 0;
  const stack: { node: unknown; path: string }[] = [{ node: doc.contents, path: '' }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const { node, path } = stack.pop() ?? { node: null, path: '' };
    nodes += 1;
    if (nodes > maxNodes) {
      issues.push({ message: `more than ${maxNodes} keys and items`, line: null });
      break;
    }
    if (isAlias(node) || isScalar(node)) continue;
    const prefix = path === '' ? '' : `${path}.`;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
        const line = isScalar(pair.key) ? lineAt(pair.key.range) : null;
        if (seen.has(key)) issues.push({ message: `Map keys must be unique ("${key}")`, line });
        seen.add(key);
        if (line !== null) lines[`${prefix}${key}`] = line;
        stack.push({ node: pair.value, path: `${prefix}${key}` });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const line = isMap(item) || isSeq(item) || isScalar(item) ? lineAt(item.range) : null;
        if (line !== null) lines[`${prefix}${i}`] = line;
        stack.push({ node: item, path: `${prefix}${i}` });
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown, lines };
  } catch (err) {
    // yaml throws a ReferenceError for excessive alias expansion ("resource exhaustion attack").
    return { ok: false, issues: [{ message: err instanceof Error ? err.message : String(err), line: null }] };
  }
}

const xmlParsers = new Map<string, XMLParser>();

/** fast-xml-parser with validation; throws the parser's error for malformed XML. */
export function parseXmlText(text: string, options: X2jOptions): unknown {
  const key = JSON.stringify(options);
  let parser = xmlParsers.get(key);
  if (parser === undefined) {
    parser = new XMLParser(options);
    xmlParsers.set(key, parser);
  }
  // Without validation the parser silently repairs malformed XML.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return parser.parse(text, true) as unknown;
}

const port = parentPort;
if (port !== null && workerData === PARSE_WORKER_MARK) {
  port.on('message', (request: ParseRequest) => {
    let reply: ParseReply;
    try {
      const result =
        request.kind === 'xml'
          ? parseXmlText(request.text, request.options)
          : parseYamlSource(request.text, request.maxNodes);
      reply = { id: request.id, ok: true, result };
    } catch (err) {
      reply = { id: request.id, ok: false, message: err instanceof Error ? err.message : 'parse failed' };
    }
    port.postMessage(reply);
  });
}
