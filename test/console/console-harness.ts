import type { EmbeddedStack } from '../../src/embedded/start-embedded-stack.js';
import { startTestStack } from '../pipeline/stack-helpers.js';

export const CONSOLE_ADMIN_TOKEN = 'console-test-admin-token-0123456789';
export const CONSOLE_SF_TOKEN = 'console-test-salesforce-token-012345';

export interface ConsoleStack {
  readonly stack: EmbeddedStack;
  readonly prefix: string;
  /** http://127.0.0.1:port/admin/console */
  readonly consoleUrl: string;
  stop(): Promise<void>;
}

/** The embedded stack (both sandboxes, service, workers) with an ADMIN_TOKEN and a Salesforce-only token. */
export async function startConsoleStack(): Promise<ConsoleStack> {
  const { stack, prefix, stop } = await startTestStack({
    env: { ADMIN_TOKEN: CONSOLE_ADMIN_TOKEN },
    adminTokens: { salesforce: CONSOLE_SF_TOKEN },
  });
  return { stack, prefix, consoleUrl: `${stack.service.url ?? ''}/admin/console`, stop };
}

export interface LoggedIn {
  readonly cookie: string;
  readonly setCookie: string;
}

/** Logs in over plain HTTP (no browser) and returns the session cookie. */
export async function loginHttp(consoleUrl: string, token: string): Promise<LoggedIn> {
  const res = await fetch(`${consoleUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
  return { cookie: setCookie.split(';')[0] ?? '', setCookie };
}

/** The page's CSRF token, as a form would carry it. */
export function csrfOf(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (match?.[1] === undefined) throw new Error('no CSRF field on the page');
  return match[1];
}
