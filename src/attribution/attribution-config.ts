import { z } from 'zod';
import { TouchKind } from '../domain/entities.js';

/** How influenced credit is split between the touches inside the window (see docs/attribution.md). */
export const AttributionModel = z.enum(['linear', 'first', 'last', 'u-shaped', 'w-shaped', 'time-decay']);
export type AttributionModel = z.infer<typeof AttributionModel>;

/** When the influence window closes: at the opportunity's close (or `now` while open), or at its creation. */
export const WindowEnd = z.enum(['close', 'creation']);
export type WindowEnd = z.infer<typeof WindowEnd>;

export const AttributionWindowConfig = z.object({
  /** Touches count from this many days (of 24 h) before the opportunity was created, inclusive. */
  lookbackDays: z.number().int().min(0).max(3650).default(90),
  end: WindowEnd.default('close'),
});
export type AttributionWindowConfig = z.infer<typeof AttributionWindowConfig>;

/** Attribution rules of one connection. Admin edits are validated with this schema. */
export const AttributionConfig = z.object({
  model: AttributionModel.default('linear'),
  window: AttributionWindowConfig.prefault({}),
  /** time-decay only: a touch this many days before the window end weighs half of one at the end. */
  halfLifeDays: z.number().positive().max(3650).default(7),
  /** Partners whose status is not `active` (or who are unknown) never receive influenced credit. */
  excludeInactivePartners: z.boolean().default(true),
  /** Touch kinds that count as influence. */
  countedTouchKinds: z
    .array(TouchKind)
    .min(1)
    .default([...TouchKind.options]),
  /** Count touches logged on the opportunity's account (not only on the opportunity itself). */
  includeAccountTouches: z.boolean().default(true),
  /** Junction-row evidence is cut to this length (Salesforce Text(255)). */
  evidenceMaxLength: z.number().int().min(40).max(32768).default(255),
});
export type AttributionConfig = z.infer<typeof AttributionConfig>;
export type AttributionConfigInput = z.input<typeof AttributionConfig>;

export const defaultAttributionConfig: AttributionConfig = AttributionConfig.parse({});
