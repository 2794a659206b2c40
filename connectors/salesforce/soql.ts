/**
 * SOQL literal escaping. Every value that reaches a query goes through here.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A quoted SOQL string literal: `O'Brien` → `'O\'Brien'`. */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c] ?? c)}'`;
}

/** An API name (object or field): letters, digits, underscores, optional relationship dots. */
export function soqlIdentifier(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(name))
    throw new Error(`invalid SOQL identifier: ${name}`);
  return name;
}

/** A Salesforce record id (15 or 18 alphanumerics), quoted. */
export function soqlId(id: string): string {
  if (!/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(id)) throw new Error(`invalid Salesforce id: ${id}`);
  return `'${id}'`;
}

/** A dateTime literal (unquoted in SOQL): only a strict UTC ISO-8601 form is accepted. */
export function soqlDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`invalid SOQL dateTime: ${iso}`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
