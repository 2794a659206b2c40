// https://help.salesforce.com/s/articleView?id=000385008 (15- vs 18-character record ids)
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character case-encoding suffix that turns a 15-character id into its 18-character form. */
export function salesforceIdSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15.charAt(block * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * True for a 15- or 18-character alphanumeric id. The suffix is not checked: documented placeholder ids
 * (e.g. `00D000000000001AAA`) carry suffixes that do not match their first 15 characters.
 */
export function isSalesforceId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/**
 * Compares two Salesforce ids in either form: the first 15 characters, case-sensitively. The
 * 18-character suffix only encodes the case of those 15, so it adds nothing to the comparison.
 */
export function sameSalesforceId(a: string, b: string): boolean {
  if (!isSalesforceId(a) || !isSalesforceId(b)) return false;
  return a.slice(0, 15) === b.slice(0, 15);
}
