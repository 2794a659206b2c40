/**
 * `tsx bench/steady-load.ts URL PATH RATE SECONDS`: signed HubSpot deliveries at a constant rate, open
 * loop (`open-loop.ts`), from a process of its own. Prints one JSON line: the OpenLoopResult.
 */
import { openLoop } from './open-loop.js';
import { signedDeliveries } from './webhook-deliveries.js';

const [url = '', path = '', rate = '1000', seconds = '8'] = process.argv.slice(2);
if (url === '' || path === '') {
  process.stderr.write('usage: steady-load.ts URL PATH RATE SECONDS\n');
  process.exit(64);
}
const result = await openLoop({
  url,
  path,
  rate: Number(rate),
  seconds: Number(seconds),
  maxSockets: 64,
  next: signedDeliveries(url, path),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
