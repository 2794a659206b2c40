import { BoundedCache } from './bounded-cache.js';
import { compactName, normaliseName } from './normalise-name.js';
import { phoneticKey } from './phonetic-key.js';

/** A name part normalised, with the primary phonetic code of its compact form ('' without a name). */
export interface ReadName {
  readonly name: string | null;
  readonly phonetic: string;
}

const NO_NAME: ReadName = Object.freeze({ name: null, phonetic: '' });

/** Reads a name part as typed (pure). */
export function readName(raw: string | null | undefined): ReadName {
  const name = normaliseName(raw);
  return name === null ? NO_NAME : { name, phonetic: phoneticKey(compactName(name)) };
}

/** Name parts read once per distinct spelling: a file's first and last names repeat on many rows. */
const NAME_CACHE_LIMIT = 200_000;

/** {@link readName} with a cache of the spellings read so far. */
export function cachedNameReader(): (raw: string | null | undefined) => ReadName {
  const cache = new BoundedCache<ReadName>(NAME_CACHE_LIMIT);
  return (raw) => (raw == null ? NO_NAME : cache.get(raw, () => readName(raw)));
}
