import type { Mapping } from '../../mappings/schema.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import { expireRegistrations } from '../../src/registration/index.js';
import type { RegistrationRecord } from '../../src/store/decision-store.js';
import type { DecisionDeps } from '../shared/decision-deps.js';
import { mappingStamp } from '../shared/mapping-stamp.js';
import { overlayDecision } from '../shared/overlay-decisions.js';
import { addWrite, emptyRequests } from '../shared/write-requests.js';
import { expiryRecord } from './expiry-record.js';

/**
 * Moves every approved registration not converted by its `expiresOn` day to `expired` and enqueues the
 * status and reason. Registrations we converted or decided but the CRM has not echoed yet are seen with
 * our decision, so a converted one never expires.
 */
export async function expireAll(
  deps: DecisionDeps,
  connectionId: string,
  options: { readonly mapping: Mapping; readonly now: string; readonly apply: boolean },
): Promise<{ expired: DealRegistration[]; issues: string[] }> {
  const { decisions } = deps;
  const all: DealRegistration[] = [];
  for await (const r of deps.mirror.scan(connectionId, 'registration')) all.push(r.entity);
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const stored = await decisions.getMany(
    connectionId,
    'registration',
    all.map((r) => r.id),
  );
  const current = all.map((r, i) => overlayDecision(r, stored[i]));
  const done = expireRegistrations(current, options.now);
  const out = emptyRequests();
  const stamp = mappingStamp(options.mapping);
  const records: RegistrationRecord[] = [];
  for (const { registration: r, reason } of done) {
    addWrite(out, options.mapping, 'registration', { status: 'expired', reason }, { id: r.id });
    records.push(expiryRecord(r, reason, options.now, stamp));
  }
  if (options.apply) {
    await deps.writeBack.enqueue(connectionId, out.requests);
    await decisions.put(connectionId, records);
  }
  return { expired: done.map((d) => d.registration), issues: out.issues };
}
