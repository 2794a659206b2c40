/**
 * Pub/Sub API change events name changed, nulled and diff fields as bitmaps over the event schema's
 * fields: one "0x…" hex string (upper case), bit i set for the schema's i-th field, least significant
 * bit first. (Compound-field bitmaps "<parentIndex>-0x…" are not needed: sandbox fields are flat.)
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/event-deserialization-considerations.html
 */
export function fieldBitmap(schemaFields: readonly string[], names: readonly string[]): string[] {
  let bits = 0n;
  for (const name of names) {
    const index = schemaFields.indexOf(name);
    if (index >= 0) bits |= 1n << BigInt(index);
  }
  return bits === 0n ? [] : [`0x${bits.toString(16).toUpperCase()}`];
}
