import type { DealRegistration } from '../../src/domain/entities.js';
import { byFirstCome, convertRegistration } from '../../src/registration/index.js';
import { fuzzyCompanyMatcher } from '../shared/fuzzy-company-matcher.js';
import type { LoadedOpportunity } from './load-attribution-input.js';
import type { PlanContext } from './plan-context.js';

/**
 * Converts the first-come approved registration of the same customer (inside its protection window)
 * into the opportunity, unless one already is. Returns it (or none) with the reason of the conversion.
 */
export function convertFirstCome(
  regs: readonly DealRegistration[],
  loaded: LoadedOpportunity,
  ctx: PlanContext,
): { readonly converted: DealRegistration[]; readonly reasons: Map<string, string> } {
  const { opportunity } = loaded;
  const converted: DealRegistration[] = [];
  const reasons = new Map<string, string>();
  if (regs.some((r) => r.opportunityId === opportunity.id && r.status === 'converted'))
    return { converted, reasons };
  const candidates = regs
    .filter(
      (r) => r.status === 'approved' && (r.opportunityId === null || r.opportunityId === opportunity.id),
    )
    .sort(byFirstCome);
  for (const reg of candidates) {
    const done = convertRegistration(reg, opportunity, {
      account: loaded.account,
      matchCompany: fuzzyCompanyMatcher,
      rules: ctx.rules.registration,
    });
    if (done.ok && done.changed) {
      converted.push(done.registration);
      reasons.set(reg.id, done.reason);
      break;
    }
  }
  return { converted, reasons };
}
