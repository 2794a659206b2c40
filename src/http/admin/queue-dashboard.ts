import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';

/**
 * bull-board (https://github.com/felixmosh/bull-board) for the given queues. `basePath` is the full
 * public path the board is mounted at (its HTML links assets and API calls under it); the returned
 * handler is a sub-app to mount at exactly that path, after the admin-token check.
 */
export function queueDashboard(queues: readonly Queue[], basePath: string): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    // Every connection has its own queues of the same names: show them as `connection/queue`.
    queues: queues.map((q) => {
      const connection = /\{([^}]+)\}/.exec(q.opts.prefix ?? '')?.[1];
      return new BullMQAdapter(q, connection === undefined ? {} : { prefix: `${connection}/` });
    }),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'partnersync queues' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}
