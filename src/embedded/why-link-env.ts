import { randomBytes } from 'node:crypto';
import { freeLoopbackPort } from '../queue/local-redis.js';

/**
 * "Why?" links for the embedded stack: links are absolute, so the service needs its public URL before
 * it starts. Unless given, a free port is chosen and a random signing key made for this run only.
 */
export async function whyLinkEnv(
  vars: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (vars['PUBLIC_BASE_URL'] === undefined) {
    const given = Number(vars['PORT'] ?? '0');
    const port = given > 0 ? given : await freeLoopbackPort();
    out['PORT'] = String(port);
    out['PUBLIC_BASE_URL'] = `http://127.0.0.1:${port}`;
  }
  if (vars['WHY_LINK_SECRET'] === undefined) out['WHY_LINK_SECRET'] = randomBytes(32).toString('base64url');
  return out;
}
