import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnCli } from '../helpers/cli.js';

/**
 * One `partnersync worker` child process. Its JSON log lines are parsed as they come: completed jobs
 * are counted by queue (the worker runtime logs one `job completed` line per job at debug level), and
 * permanent failures are kept for the report.
 */
export interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly completed: Map<string, number>;
  readonly failures: string[];
  total(): number;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startWorkerProcess(name: string, env: Record<string, string>): WorkerProcess {
  const child = spawnCli(['worker'], { ...env, LOG_LEVEL: 'debug' });
  const completed = new Map<string, number>();
  const failures: string[] = [];
  let buffer = '';
  // FAULT_SUITE_LOG_DIR keeps each worker's full debug log, to see what a stuck run was doing.
  const logDir = process.env['FAULT_SUITE_LOG_DIR'];
  const logFile = logDir === undefined ? undefined : join(logDir, `worker-${name}-${process.pid}.log`);
  child.stdout?.on('data', (chunk: Buffer) => {
    if (logFile !== undefined) appendFileSync(logFile, chunk);
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      let entry: { msg?: unknown; job?: unknown; err?: { message?: unknown } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      if (entry.msg === 'job completed' && typeof entry.job === 'string')
        completed.set(entry.job, (completed.get(entry.job) ?? 0) + 1);
      if (entry.msg === 'job failed permanently')
        failures.push(`${String(entry.job)}: ${String(entry.err?.message)}`);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (text !== '') failures.push(`stderr: ${text.slice(0, 500)}`);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    completed,
    failures,
    total: () => [...completed.values()].reduce((a, b) => a + b, 0),
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
