/**
 * Pure: the values a picklist/enumeration must gain so it offers every wanted option, in the order
 * they are wanted. Existing values are never removed (records and reports may still use them), and the
 * comparison is exact: a value differing only in case is a different API value in both CRMs.
 */
export function missingOptions(wanted: readonly string[], existing: readonly string[]): string[] {
  const have = new Set(existing);
  return wanted.filter((v) => !have.has(v));
}
