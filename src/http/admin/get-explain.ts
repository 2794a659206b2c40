import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { createDecisionStore } from '../../store/decision-store.js';
import type { KeySpace } from '../../store/keys.js';
import { sendError } from '../send-error.js';

export interface ExplainDeps {
  readonly redis: Redis;
  readonly keys: KeySpace;
  /** Whether this process knows the connection. */
  hasConnection(id: string): boolean;
}

/** `opportunity`/`deal` → the attribution; `registration` → the registration decision. */
const ExplainParams = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  object: z.enum(['opportunity', 'opportunities', 'deal', 'deals', 'registration', 'registrations']),
  recordId: z.string().min(1).max(255),
});

/**
 * GET /admin/connections/:id/explain/:object/:recordId — the decision last applied to one record and
 * its evidence: for an opportunity the sourcing rule and registration, the counted and excluded
 * touches, model, window, junction rows and mapping version; for a registration the conflicts, rule
 * checks and matching leads/contacts. Authentication is the admin router's job.
 */
export function getExplain(deps: ExplainDeps): RequestHandler {
  const decisions = createDecisionStore(deps.redis, deps.keys);
  return async (req, res) => {
    const parsed = ExplainParams.safeParse(req.params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: `params.${i.path.join('.')}`,
        message: i.message,
      }));
      sendError(res, 400, 'invalid_request', 'invalid explain path', issues);
      return;
    }
    const { id, object, recordId } = parsed.data;
    if (!deps.hasConnection(id)) {
      sendError(res, 404, 'unknown_connection', `connection ${id} is not configured`);
      return;
    }
    const kind = object.startsWith('registration') ? 'registration' : 'opportunity';
    const record = await decisions.get(id, kind, recordId);
    if (record === null) {
      sendError(res, 404, 'not_found', `no ${kind} decision stored for ${recordId} on connection ${id}`);
      return;
    }
    res.json({ connection: id, object: kind, recordId, explanation: record });
  };
}
