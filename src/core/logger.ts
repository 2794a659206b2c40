import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';
import { REDACT_PATHS, scrubSecrets } from './redact-secrets.js';

function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = stdSerializers.err(err);
  out.message = scrubSecrets(out.message);
  out.stack = scrubSecrets(out.stack);
  return out;
}

export interface LoggerOptions {
  readonly level: string;
  readonly destination?: DestinationStream;
}

/** One root logger per process; components take `logger.child({ component })`. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'partnersync' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
      serializers: { err: serializeError, error: serializeError },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
