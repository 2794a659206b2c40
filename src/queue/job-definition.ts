import type { z } from 'zod';
import type { JobsOptions } from 'bullmq';
import type { Logger } from '../core/logger.js';

export interface JobContext {
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly jobId: string;
  readonly attemptsMade: number;
}

/**
 * A typed job: its queue, the zod schema of its data (parsed before `run`, invalid data is
 * unrecoverable), default options, and `run`, which returns a small JSON value explaining the outcome.
 */
export interface JobDefinition<Schema extends z.ZodType, Deps, Result> {
  readonly name: string;
  readonly queue: string;
  readonly schema: Schema;
  readonly options?: JobsOptions;
  run(data: z.infer<Schema>, deps: Deps, ctx: JobContext): Promise<Result>;
}

/** Erases the data type so definitions of different jobs live in one list. */
export type AnyJobDefinition<Deps> = JobDefinition<z.ZodType, Deps, unknown>;

export function defineJob<Schema extends z.ZodType, Deps, Result>(
  definition: JobDefinition<Schema, Deps, Result>,
): JobDefinition<Schema, Deps, Result> {
  return definition;
}

const UNSAFE_JOB_ID = /:|^\d+$/;

/** BullMQ job ids must not contain ':' nor be integer strings. */
export function safeJobId(...parts: string[]): string {
  const id = parts.map((p) => p.replace(/:/g, '_')).join('.');
  return UNSAFE_JOB_ID.test(id) ? `j.${id}` : id;
}
