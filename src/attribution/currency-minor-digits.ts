const cache = new Map<string, number>();

/**
 * Number of minor-unit digits of an ISO-4217 currency (USD 2, JPY 0, KWD 3), from ICU.
 * Unknown codes fall back to 2.
 */
export function currencyMinorDigits(currency: string): number {
  const known = cache.get(currency);
  if (known !== undefined) return known;
  const digits = icuDigits(currency) ?? 2;
  cache.set(currency, digits);
  return digits;
}

function icuDigits(currency: string): number | undefined {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return undefined;
  }
}

/** Major units (e.g. 12.34 USD) → integer minor units (1234n). */
export function toMinorUnits(amount: number, currency: string): bigint {
  return BigInt(Math.round(amount * 10 ** currencyMinorDigits(currency)));
}

/** Integer minor units → major units as a number (1234n → 12.34 USD). */
export function fromMinorUnits(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** currencyMinorDigits(currency);
}

/** Human form for evidence text, e.g. "$1,234.50" or "¥1,000". */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
