import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

// HTTP is faked at the wire only; real sockets may reach loopback (sandboxes, express under test).
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`unused HTTP mocks: ${pending.join(', ')}`);
});
