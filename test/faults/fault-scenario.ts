import { expect } from 'vitest';
import { addUtcDays, utcDate } from '../../src/registration/index.js';
import {
  fieldsOf,
  seedSalesforcePhase1,
  seedSalesforcePhase2,
  type ScenarioIds,
} from '../jobs/attribution-scenario.js';
import { contactWorkload } from './contact-workload.js';
import { startFaultBed } from './fault-bed.js';
import type { TestCluster } from '../helpers/redis-cluster.js';
import { waitForQuiet } from './wait-for-quiet.js';
import { acceptedWrites, doubleWrites, peakInWindow } from './write-log.js';

/**
 * The fault scenario: `changes` HubSpot contact changes plus the Salesforce attribution scenario go
 * through two `partnersync worker` processes while every CRM call has a chance of a 429, 5xx or
 * timeout, every webhook arrives three times out of order, one worker is SIGKILLed and Redis (AOF) is
 * restarted (on a cluster: the master serving the HubSpot connection). The CRMs must end exactly in
 * the expected state, with no write made twice.
 */
export interface FaultScenarioOptions {
  readonly changes: number;
  readonly rate: number;
  readonly cluster?: TestCluster;
  readonly serveProcess?: boolean;
}

const SYNC_INTERVAL_MS = 2_000;
const SEED = 20_240_808;
const OPP_FIELDS = [
  'PS_Partner_Sourced__c',
  'PS_Sourcing_Partner__c',
  'PS_Partner_Influenced__c',
  'PS_Influencing_Partners__c',
  'PS_Attribution_Model__c',
  'PS_Deal_Registration__c',
];

const log = (message: string): void => void process.stderr.write(`[faults] ${message}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const blank = (v: unknown): boolean => v === null || v === undefined || v === '';

export async function runFaultScenario(options: FaultScenarioOptions): Promise<void> {
  let ids: ScenarioIds = new Map();
  const started = performance.now();
  const bed = await startFaultBed({
    ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
    serveProcess: options.serveProcess === true,
    seed: SEED,
    rates: { rateLimit: 0.03, serverError: 0.04, timeout: 0.03 },
    syncIntervalMs: SYNC_INTERVAL_MS,
    seedData: (sf, _hs, clock) => {
      ids = seedSalesforcePhase1(sf, clock);
    },
  });
  const b = bed;
  try {
    const id = (label: string): string => ids.get(label) ?? `missing ${label}`;
    const workerA = b.startWorker('A');
    const workerB = b.startWorker('B');
    const workload = contactWorkload(options.changes, SEED);
    log(
      `stack up in ${Math.round(performance.now() - started)} ms; ${workload.changes} changes at ${options.rate}/s`,
    );

    // Both workers run jobs (their periodic syncs) before the drive, so a short run does not outpace
    // their boot and the disruptions land where they are planned.
    const bootDeadline = Date.now() + 60_000;
    while ((workerA.total() === 0 || workerB.total() === 0) && Date.now() < bootDeadline) await sleep(100);

    // Drive the changes at a steady rate; the faults happen on the way.
    const killAt = Math.floor(workload.changes * 0.35);
    const phase2At = Math.floor(workload.changes * 0.5);
    const redisAt = Math.floor(workload.changes * 0.7);
    let workerC: typeof workerA | undefined;
    let redisRestarted = false;
    const driveStart = performance.now();
    for (let i = 0; i < workload.changes; i += 1) {
      const due = driveStart + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      workload.apply(b.hs.store, i);
      // Disruptions wait until the workers are up and working (a tiny run could outpace their boot).
      const working = workerA.total() > 0 && workerB.total() > 0;
      if (workerC === undefined && i >= killAt && working) {
        log(`SIGKILL worker A (${workerA.total()} jobs done) and start worker C`);
        await workerA.kill('SIGKILL');
        workerC = b.startWorker('C');
      }
      if (i === phase2At) seedSalesforcePhase2(b.sf, b.clock, ids);
      if (!redisRestarted && workerC !== undefined && i >= redisAt) {
        redisRestarted = true;
        log('restarting Redis (AOF)');
        await b.restartRedis(1_000);
      }
    }
    // On a slow or loaded machine the workers may not have started working before a short drive ended:
    // the disruptions then land after it, while the pipeline still works through the backlog.
    if (workerC === undefined) {
      const deadline = Date.now() + 120_000;
      while ((workerA.total() === 0 || workerB.total() === 0) && Date.now() < deadline) await sleep(100);
      log(`SIGKILL worker A (${workerA.total()} jobs done, after the drive) and start worker C`);
      await workerA.kill('SIGKILL');
      workerC = b.startWorker('C');
    }
    if (!redisRestarted) {
      redisRestarted = true;
      log('restarting Redis (AOF), after the drive');
      await b.restartRedis(1_000);
    }
    log(`changes sent in ${Math.round(performance.now() - driveStart)} ms; waiting for the pipeline`);
    await b.scrambler.drain(60_000);
    await waitForQuiet(b.deps, SYNC_INTERVAL_MS * 3, 240_000).catch((err: unknown) => {
      // Which worker stopped, and the last thing each one said, for the failure report.
      const state = [workerA, workerB, ...(workerC ? [workerC] : [])].map((w) => ({
        name: w.name,
        jobs: w.total(),
        exit: w.child.exitCode ?? w.child.signalCode,
        last: w.failures.slice(-3),
      }));
      log(`workers when the pipeline did not go quiet: ${JSON.stringify(state)}`);
      throw err;
    });
    const elapsed = Math.round(performance.now() - started);

    // HubSpot: every contact shows exactly its expected flags, nothing stale, nothing missing.
    const expected = workload.expected();
    expect(b.hs.store.count('contacts')).toBe(expected.length);
    const wrong: string[] = [];
    const duplicateScores = new Set<string>();
    for (const e of expected) {
      const f = b.hs.store.get('contacts', e.id)?.fields ?? {};
      // Enumeration values compared case-blind (option values vs labels are being settled elsewhere).
      const status = String(f['ps_duplicate_status']).toLowerCase();
      const of = f['ps_duplicate_of'];
      const ok =
        e.status === 'duplicate'
          ? status === 'duplicate' &&
            of === e.of &&
            !blank(f['ps_duplicate_likelihood']) &&
            !blank(f['ps_duplicate_reason'])
          : status === 'unique' &&
            blank(of) &&
            blank(f['ps_duplicate_likelihood']) &&
            blank(f['ps_duplicate_reason']);
      if (e.status === 'duplicate') duplicateScores.add(String(f['ps_duplicate_likelihood']));
      if (!ok) wrong.push(`${e.id}: expected ${e.status}/${e.of ?? '-'}, got ${status}/${String(of)}`);
    }
    expect(wrong.slice(0, 20), `${wrong.length} contacts wrong`).toEqual([]);
    expect(duplicateScores.size).toBe(1); // every duplicate pair has the same shape, so the same score

    log(
      `SF state: ${JSON.stringify({
        regs: ['R1', 'R2', 'R3', 'R4'].map((l) => b.sf.store.get('PS_Deal_Registration__c', id(l))?.fields),
        oa: fieldsOf(b.sf, 'Opportunity', id('O-A'), OPP_FIELDS),
        rows: b.sf.store.list('PS_Partner_Attribution__c').map((r) => r.fields['External_Key__c']),
      })}`,
    );
    // Salesforce: registrations, attribution fields and junction rows exactly as designed.
    // Status picklist values are compared case-blind (the mapping is moving to picklist labels).
    const reg = (label: string) => {
      const f = fieldsOf(b.sf, 'PS_Deal_Registration__c', id(label), [
        'Status__c',
        'Conflict_With__c',
        'Expires_On__c',
        'Opportunity__c',
      ]);
      return { ...f, Status__c: String(f['Status__c']).toLowerCase() };
    };
    expect(reg('R1')).toEqual({
      Status__c: 'converted',
      Conflict_With__c: null,
      Expires_On__c: addUtcDays(utcDate(new Date(b.clock.now()).toISOString()), 90),
      Opportunity__c: id('O-A'),
    });
    expect(reg('R2')).toMatchObject({ Status__c: 'rejected', Conflict_With__c: id('R1') });
    expect(reg('R4')).toMatchObject({ Status__c: 'rejected', Conflict_With__c: id('R1') });
    expect(reg('R3')).toMatchObject({ Status__c: 'rejected', Conflict_With__c: id('O-G') });
    expect(fieldsOf(b.sf, 'Opportunity', id('O-A'), OPP_FIELDS)).toEqual({
      PS_Partner_Sourced__c: true,
      PS_Sourcing_Partner__c: id('P1'),
      PS_Partner_Influenced__c: true,
      PS_Influencing_Partners__c: 'Contoso Integrations; Fabrikam Cloud',
      PS_Attribution_Model__c: 'Split equally between 2 partners',
      PS_Deal_Registration__c: id('R1'),
    });
    const rows = b.sf.store.list('PS_Partner_Attribution__c').map((r) => ({
      key: String(r.fields['External_Key__c']),
      role: r.fields['Role__c'],
      percent: Number(r.fields['Credit_Percent__c']),
      amount: Number(r.fields['Credited_Amount__c']),
    }));
    const oa = id('O-A');
    expect(rows.sort((x, y) => x.key.localeCompare(y.key))).toEqual(
      [
        { key: `${oa}:${id('P1')}:sourced`, role: 'Sourced', percent: 100, amount: 100_000 },
        { key: `${oa}:${id('P2')}:influenced`, role: 'Influenced', percent: 50, amount: 50_000 },
        { key: `${oa}:${id('P3')}:influenced`, role: 'Influenced', percent: 50, amount: 50_000 },
        { key: `${id('O-G')}:${id('P3')}:sourced`, role: 'Sourced', percent: 100, amount: 30_000 },
      ].sort((x, y) => x.key.localeCompare(y.key)),
    );

    // Work was shared, nothing was written twice, and the sandboxes never had to refuse a call.
    const workers = [workerA, workerB, ...(workerC ? [workerC] : [])];
    const perWorker = Object.fromEntries(workers.map((w) => [w.name, Object.fromEntries(w.completed)]));
    const writes = [...acceptedWrites(b.hsProxy.forwarded), ...acceptedWrites(b.sfProxy.forwarded)];
    const doubles = doubleWrites(writes);
    const figures = {
      changes: workload.changes,
      elapsedMs: elapsed,
      jobsPerWorker: perWorker,
      injected: { hubspot: b.hsProxy.injected, salesforce: b.sfProxy.injected },
      sandboxCalls: { hubspot: b.hsProxy.forwarded.length, salesforce: b.sfProxy.forwarded.length },
      limitHits: { hubspot: b.hsProxy.limitHits(), salesforce: b.sfProxy.limitHits() },
      limitHitCalls: [...b.hsProxy.forwarded, ...b.sfProxy.forwarded]
        .filter((c) => c.status === 429)
        .map((c) => `${c.method} ${c.path} @${c.at}`),
      hubspotPeakPer10s: peakInWindow(
        b.hsProxy.forwarded.filter((c) => !c.path.endsWith('/search')),
        10_000,
      ),
      acceptedWrites: writes.length,
      doubleWrites: doubles.length,
      webhooks: b.scrambler.stats,
      failures: workers.flatMap((w) => w.failures.map((f) => `${w.name}: ${f}`)).slice(0, 10),
    };
    log(JSON.stringify(figures));
    expect(redisRestarted).toBe(true);
    expect([workerB.child.exitCode, workerC?.child.exitCode]).toEqual([null, null]); // still running
    expect(workerA.total()).toBeGreaterThan(0);
    expect(workerB.total()).toBeGreaterThan(0);
    expect(workerC?.total() ?? 0).toBeGreaterThan(0);
    expect(doubles.slice(0, 10)).toEqual([]);
    expect(figures.limitHits).toEqual({ hubspot: 0, salesforce: 0 });
    expect(b.scrambler.stats.refused).toBe(0);
  } finally {
    await bed.close();
  }
}
