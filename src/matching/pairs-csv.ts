import type { PersonMatch } from './match-people.js';

export const PAIRS_CSV_HEADER = 'left_id,right_id,score,decision,reasons';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One output row `left_id,right_id,score,decision,reasons` (score to 4 decimals), without newline. */
export function pairCsvRow(match: PersonMatch): string {
  return [match.leftId, match.rightId, match.score.toFixed(4), match.decision, match.reasonText]
    .map(csvField)
    .join(',');
}
