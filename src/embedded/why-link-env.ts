import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** A port free right now on loopback (the service binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

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
    const port = given > 0 ? given : await freePort();
    out['PORT'] = String(port);
    out['PUBLIC_BASE_URL'] = `http://127.0.0.1:${port}`;
  }
  if (vars['WHY_LINK_SECRET'] === undefined) out['WHY_LINK_SECRET'] = randomBytes(32).toString('base64url');
  return out;
}
