import { type Document, type LineCounter, isMap, isScalar, isSeq } from 'yaml';

/**
 * The 1-based line of a mapping path in the source, using the yaml package's node ranges. A path that
 * does not exist in the file (a required field that is missing) gets the line of its deepest parent.
 */
export function lineOf(doc: Document, counter: LineCounter, path: string): number | null {
  let node: unknown = doc.contents;
  let line: number | null = isMap(node) || isSeq(node) ? lineAt(counter, node.range) : null;
  const segments = path === '' ? [] : path.split('.');
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (pair === undefined) break;
      line = isScalar(pair.key) ? lineAt(counter, pair.key.range) : line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(seg)];
      if (item === undefined) break;
      node = item;
      if (isMap(item) || isSeq(item) || isScalar(item)) line = lineAt(counter, item.range) ?? line;
    } else {
      break;
    }
  }
  return line;
}

function lineAt(
  counter: LineCounter,
  range: readonly [number, number, number] | null | undefined,
): number | null {
  return range === null || range === undefined ? null : counter.linePos(range[0]).line;
}
