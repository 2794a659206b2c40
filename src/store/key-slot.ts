/**
 * Redis Cluster hash slots (https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#hash-tags):
 * CRC16 (XMODEM) of the key, or of its hash tag — the text between the first `{` and the next `}`
 * when that text is not empty — modulo 16384.
 */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i += 1) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit += 1)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

export const SLOT_COUNT = 16384;

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0);
  return crc;
}

/** The part of a key that decides its slot. */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

export function keySlot(key: string): number {
  return crc16(Buffer.from(hashedPart(key), 'utf8')) % SLOT_COUNT;
}

/**
 * Throws when the keys of one script call or transaction are not all in one slot. A cluster refuses
 * such a call (CROSSSLOT); checking here makes a single Redis refuse it too, so tests catch it anywhere.
 */
export function assertOneSlot(keys: readonly string[], what: string): void {
  const first = keys[0];
  if (first === undefined) return;
  const slot = keySlot(first);
  for (const key of keys) {
    if (keySlot(key) !== slot)
      throw new Error(
        `${what}: keys in different Redis Cluster slots (${first} and ${key}); they need one hash tag`,
      );
  }
}
