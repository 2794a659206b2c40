/** A calendar date as three numbers, for comparisons that tolerate one wrong part. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `YYYYMMDD`. */
  readonly text: string;
}

/**
 * Parses `YYYYMMDD`, `YYYY-MM-DD`, `YYYY/MM/DD`, and `DD.MM.YYYY` / `DD/MM/YYYY` (day first, as outside
 * the US). Corrupted dates are kept as long as each part is a number: FEBRL-style typos such as a
 * month of 13 still carry evidence. Returns null when there are not three numeric parts.
 */
export function normaliseDate(raw: string | null | undefined): DateParts | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  let parts: [string, string, string] | null = null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  const isoLike = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(trimmed);
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(trimmed);
  if (compact !== null) parts = [compact[1] ?? '', compact[2] ?? '', compact[3] ?? ''];
  else if (isoLike !== null) parts = [isoLike[1] ?? '', isoLike[2] ?? '', isoLike[3] ?? ''];
  else if (dayFirst !== null) parts = [dayFirst[3] ?? '', dayFirst[2] ?? '', dayFirst[1] ?? ''];
  if (parts === null) return null;
  const [y, m, d] = parts.map((p) => Number.parseInt(p, 10)) as [number, number, number];
  const text = `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  return { year: y, month: m, day: d, text };
}
