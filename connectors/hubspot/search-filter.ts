/**
 * HubSpot search filters, validated: property names are API names, values are plain strings of
 * bounded length (the JSON body carries them, so there is nothing to inject into, but a bad value
 * must fail here with a clear message rather than as a 400 from HubSpot).
 * https://developers.hubspot.com/docs/api-reference/search/guide
 */

export const SEARCH_OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

export interface SearchFilter {
  readonly propertyName: string;
  readonly operator: SearchOperator;
  readonly value?: string;
  readonly values?: readonly string[];
}

const MAX_VALUE_LENGTH = 1000;

export function searchProperty(name: string): string {
  if (!/^[a-z0-9_]{1,100}$/i.test(name)) throw new Error(`invalid HubSpot property name: ${name}`);
  return name;
}

export function searchValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (value.length > MAX_VALUE_LENGTH || /[\u0000-\u001f]/.test(value))
    throw new Error('invalid HubSpot search value');
  return value;
}

/** Numbers (timestamps in ms, object ids) as HubSpot wants them: decimal strings. */
export function searchNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`invalid HubSpot numeric filter value: ${n}`);
  return String(n);
}

export function filter(propertyName: string, operator: SearchOperator, value: string): SearchFilter {
  return { propertyName: searchProperty(propertyName), operator, value: searchValue(value) };
}
