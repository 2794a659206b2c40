import type { MetadataObject, MetadataValue } from './field-metadata.js';

/** Metadata API file text: one root element in the metadata namespace, values in field order. */

const NS = 'http://soap.sforce.com/2006/04/metadata';

export function esc(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xml(name: string, value: MetadataValue, indent: string): string {
  if (Array.isArray(value)) return value.map((v: MetadataValue) => xml(name, v, indent)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value as MetadataObject)
      .map(([k, v]) => xml(k, v, `${indent}    `))
      .join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${esc(String(value))}</${name}>\n`;
}

export function metadataFile(root: string, body: MetadataObject): string {
  const inner = Object.entries(body)
    .map(([k, v]) => xml(k, v, '    '))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${inner}</${root}>\n`;
}

export function packageXml(
  types: readonly (readonly [string, readonly string[]])[],
  apiVersion: string,
): string {
  const members = (names: readonly string[]): string =>
    names.map((n) => `        <members>${esc(n)}</members>\n`).join('');
  const blocks = types
    .map(([name, names]) => `    <types>\n${members(names)}        <name>${name}</name>\n    </types>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${NS}">\n${blocks}    <version>${esc(apiVersion)}</version>\n</Package>\n`;
}
