import { z } from 'zod';

/** Free-mail domains never count as company evidence. */
export const DEFAULT_FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.ru',
  'yandex.ru',
  'qq.com',
  '163.com',
] as const;

export const CompanyMatchThresholds = z
  .object({
    /** A customer match at or above this score is a hard conflict. */
    conflictScore: z.number().min(0).max(1).default(0.9),
    /** At or above this (and below conflictScore) the match is ambiguous → pending_review. */
    reviewScore: z.number().min(0).max(1).default(0.6),
  })
  .refine((t) => t.reviewScore <= t.conflictScore, {
    message: 'reviewScore must not exceed conflictScore',
    path: ['reviewScore'],
  });
export type CompanyMatchThresholds = z.infer<typeof CompanyMatchThresholds>;

export const AutoApprovalRules = z.object({
  requireActivePartner: z.boolean().default(true),
  /** null = every tier may be auto-approved. */
  allowedTiers: z.array(z.string().min(1)).nullable().default(null),
  /** Currency of minAmount / maxAmount; registrations in another currency go to review when a bound is set. */
  amountCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'ISO-4217 code, e.g. USD')
    .default('USD'),
  minAmount: z.number().nonnegative().nullable().default(null),
  /** Auto-approval ceiling: above it a human decides (pending_review). */
  maxAmount: z.number().positive().nullable().default(null),
  /** null = every territory. */
  allowedTerritories: z.array(z.string().min(1)).nullable().default(null),
  /** The registration's territory must be one of the partner's territories (when the partner lists any). */
  requirePartnerTerritory: z.boolean().default(false),
  /** What a failed tier / amount-minimum / territory check does. The ceiling always sends to review. */
  onFail: z.enum(['pending_review', 'rejected']).default('pending_review'),
});
export type AutoApprovalRules = z.infer<typeof AutoApprovalRules>;

export const ExtensionRules = z.object({
  maxExtensions: z.number().int().min(0).max(100).default(2),
  maxDaysPerExtension: z.number().int().min(1).max(3650).default(30),
});
export type ExtensionRules = z.infer<typeof ExtensionRules>;

/** Deal-registration rules of one connection. Admin edits are validated with this. */
export const RegistrationRules = z.object({
  /** Approved registrations are protected for this many UTC days: expiresOn = decision date + days. */
  protectionDays: z.number().int().min(1).max(3650).default(90),
  companyMatch: CompanyMatchThresholds.prefault({}),
  /** An open opportunity for the same customer rejects (default) or sends to review. */
  openOpportunityConflict: z.enum(['rejected', 'pending_review']).default('rejected'),
  autoApproval: AutoApprovalRules.prefault({}),
  extensions: ExtensionRules.prefault({}),
  freeMailDomains: z.array(z.string().min(1)).default([...DEFAULT_FREE_MAIL_DOMAINS]),
});
export type RegistrationRules = z.infer<typeof RegistrationRules>;
export type RegistrationRulesInput = z.input<typeof RegistrationRules>;

export const defaultRegistrationRules: RegistrationRules = RegistrationRules.parse({});
