import type { RequestHandler } from 'express';

/** Liveness: the process serves HTTP. Never touches Redis, so a Redis outage does not restart us. */
export function getHealthz(startedAt: number): RequestHandler {
  return (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
  };
}
