import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stops accepting; idle keep-alive sockets close now, busy ones after their response (which says
 * `Connection: close`); whatever is still open after `timeoutMs` is cut. Resolves whether it was graceful.
 */
export async function closeServer(server: Server, timeoutMs: number): Promise<boolean> {
  let graceful = true;
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      graceful = false;
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
  });
  await Promise.race([stopped, cut]);
  clearTimeout(timer);
  return graceful;
}

/** `http://host:port` of a listening server (IPv6 hosts in brackets). */
export function urlOf(server: Server | undefined): string | undefined {
  const address = server?.address() as AddressInfo | null | undefined;
  return address
    ? `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`
    : undefined;
}
