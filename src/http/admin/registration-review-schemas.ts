import { z } from 'zod';
import { ConnectionParams } from './admin-schemas.js';

export const PendingRegistrationBody = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  customerCompany: z.string(),
  customerDomain: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  territory: z.string().nullable(),
  submittedAt: z.string(),
  reason: z.string().nullable(),
  conflicts: z.array(
    z.object({ kind: z.string(), severity: z.enum(['hard', 'ambiguous']), text: z.string() }),
  ),
  ruleChecks: z.array(z.object({ rule: z.string(), passed: z.boolean(), text: z.string() })),
});
export const ReviewQueueResponse = z.object({
  connection: z.string(),
  registrations: z.array(PendingRegistrationBody),
});

export const RegistrationVerdictBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, 'say why: the reason is written to the CRM with the decision')
    .max(200, 'at most 200 characters (the CRM reason field holds 255 with the decision text)'),
});
export const RegistrationVerdictParams = ConnectionParams.extend({ registrationId: z.string().min(1) });
export const RegistrationVerdictResponse = z.object({
  registration: z.object({
    id: z.string(),
    status: z.enum(['approved', 'rejected']),
    reason: z.string(),
    decidedAt: z.string().nullable(),
    expiresOn: z.string().nullable(),
  }),
  decidedBy: z.string(),
  writes: z.number().int().nonnegative(),
  issues: z.array(z.string()),
});
