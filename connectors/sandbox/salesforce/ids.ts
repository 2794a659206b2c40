/** Salesforce record ids: 15 case-sensitive chars (3-char key prefix first) plus the 3-char case-safe suffix. */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

// https://help.salesforce.com/s/articleView?id=000385008 (15- to 18-character conversion)
export function caseSafeSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let flags = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') flags |= 1 << i;
    }
    out += SUFFIX.charAt(flags);
  }
  return out;
}

export function toBase62(n: number, width: number): string {
  let s = '';
  let v = Math.floor(n);
  while (v > 0) {
    s = BASE62.charAt(v % 62) + s;
    v = Math.floor(v / 62);
  }
  return s.padStart(width, '0');
}

/** Hands out 18-char ids per key prefix: `<prefix>5g000<7 base62>` + suffix. */
export class SfIdFactory {
  private counter = 0;

  constructor(private readonly pod = '5g') {}

  next(keyPrefix: string): string {
    this.counter += 1;
    const id15 = `${keyPrefix}${this.pod}000${toBase62(this.counter * 7919 + 3500, 7)}`;
    return id15 + caseSafeSuffix(id15);
  }
}

export const SF_ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Normalises a 15-char id to 18 chars; 18-char ids are returned unchanged. */
export function to18(id: string): string {
  return id.length === 15 ? id + caseSafeSuffix(id) : id;
}
