/** Distinct values a column remembers for reuse; past this a new value is held as given, not looked up again. */
const REMEMBERED = 100_000;

type Codes = Uint8Array | Uint16Array | Uint32Array;

/** The codes copied into an array of `size` codes of `bytes` bytes each. */
function copied(codes: Codes, size: number, bytes: number): Codes {
  const next =
    bytes === 1 ? new Uint8Array(size) : bytes === 2 ? new Uint16Array(size) : new Uint32Array(size);
  next.set(codes);
  return next;
}

/**
 * A column of repeated values (a first name, a city, a country, a shared empty list) held once each:
 * a record holds a code into the column's distinct values, one byte while there are at most 256 of
 * them, two up to 65,536, else four, instead of an 8-byte reference of its own. Values equal by
 * SameValueZero share a code, so a repeated string is held once however many records read it.
 */
export class CodedColumn<T> {
  private readonly codeOf = new Map<T, number>();
  private readonly values: T[] = [];
  private codes: Codes = new Uint8Array(1024);
  private count = 0;
  /** The last value added and its code: runs of one value (null, an empty list, a country) skip the lookup. */
  private lastValue: T | undefined;
  private lastCode = -1;

  get length(): number {
    return this.count;
  }

  /** Adds a value; returns the one held (an equal value added earlier, else this one). */
  push(value: T): T {
    let code = this.lastCode >= 0 && value === this.lastValue ? this.lastCode : this.codeOf.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      if (this.codeOf.size < REMEMBERED) this.codeOf.set(value, code);
      if (code === 256 || code === 65_536)
        this.codes = copied(this.codes, this.codes.length, this.codes.BYTES_PER_ELEMENT * 2);
    }
    this.lastValue = value;
    this.lastCode = code;
    if (this.count === this.codes.length)
      this.codes = copied(this.codes, this.count * 2, this.codes.BYTES_PER_ELEMENT);
    this.codes[this.count++] = code;
    return this.values[code] as T;
  }

  /** The value at `index`, or `missing` outside the column. */
  get(index: number, missing: T): T {
    if (index < 0 || index >= this.count) return missing;
    return this.values[this.codes[index] ?? 0] as T;
  }
}
