import { setDispatcher } from 'jsforce/lib/request.js';
import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';

/**
 * jsforce 3.10.2x sends every request through undici's own `fetch` (its own dispatcher, not Node's
 * http or global fetch), which nock cannot see. Salesforce wire fixtures therefore use undici's
 * MockAgent, installed as jsforce's dispatcher around each test of the calling file; network access
 * is off, and a test fails when one of its mocks was not used (as nock's pending check does).
 */
export function useJsforceMock(): () => MockAgent {
  let agent: MockAgent | undefined;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    setDispatcher(agent);
  });
  afterEach(async () => {
    const done = agent;
    agent = undefined;
    setDispatcher();
    if (done === undefined) return;
    const pending = done.pendingInterceptors();
    await done.close();
    if (pending.length > 0)
      throw new Error(
        `unused HTTP mocks: ${pending.map((p) => `${String(p.method)} ${p.origin}${String(p.path)}`).join(', ')}`,
      );
  });
  return () => {
    if (agent === undefined) throw new Error('the jsforce mock is installed only while a test runs');
    return agent;
  };
}

/** Response options for a JSON body (MockAgent, unlike nock, sets no content type). */
export const JSON_REPLY = { headers: { 'content-type': 'application/json' } } as const;

/** The body a mocked request carried: undici hands fetch bodies over as an async iterable of chunks. */
export async function requestText(body: unknown): Promise<string> {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  if (typeof body === 'object' && body !== null && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }
  return '';
}

/** The JSON a mocked request carried. */
export async function requestJson(body: unknown): Promise<unknown> {
  return JSON.parse(await requestText(body)) as unknown;
}

/** The query parameters of a mocked request's path. */
export function queryOf(path: string): Record<string, string> {
  return Object.fromEntries(new URL(path, 'http://x').searchParams);
}
