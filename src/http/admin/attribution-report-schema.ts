import { z } from 'zod';

export const Day = z.iso.date();

export const AttributionReportResponse = z.object({
  connection: z.string(),
  model: z.string(),
  modelInWords: z.string(),
  report: z.object({
    from: z.string(),
    to: z.string(),
    basis: z.enum(['won', 'created']),
    opportunities: z.number().int(),
    rows: z.array(
      z.object({
        partnerId: z.string(),
        partnerName: z.string(),
        currency: z.string(),
        sourcedAmount: z.number(),
        sourcedDeals: z.number().int(),
        influencedAmount: z.number(),
        influencedDeals: z.number().int(),
      }),
    ),
  }),
});
