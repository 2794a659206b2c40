import { z } from 'zod';

export const Decision = z.enum(['duplicate', 'possible', 'unique']);
export type Decision = z.infer<typeof Decision>;

/** Score thresholds, configurable per connection: duplicate ≥ `duplicate` > possible ≥ `possible` > unique. */
export const Thresholds = z
  .object({
    duplicate: z.number().min(0).max(1).default(0.9),
    possible: z.number().min(0).max(1).default(0.6),
  })
  .refine((t) => t.possible <= t.duplicate, {
    message: 'possible threshold must not exceed duplicate threshold',
  });
export type Thresholds = z.infer<typeof Thresholds>;

export const DEFAULT_THRESHOLDS: Thresholds = { duplicate: 0.9, possible: 0.6 };

export function decide(score: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): Decision {
  if (score >= thresholds.duplicate) return 'duplicate';
  if (score >= thresholds.possible) return 'possible';
  return 'unique';
}
