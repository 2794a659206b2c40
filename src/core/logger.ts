import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'secret',
  'password',
  'apiKey',
  'authorization',
  'privateKey',
];
const SIGNATURE_HEADERS = [
  'authorization',
  'cookie',
  'x-hubspot-signature',
  'x-hubspot-signature-v3',
  'x-partnersync-signature',
  'x-sfdc-session',
];

/** pino redact paths: secret keys at the top level and one or two levels down, and auth/signature headers. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  ...SIGNATURE_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`, `*.headers["${h}"]`]),
];

const TOKEN_IN_TEXT =
  /(Bearer\s+|access_token=|refresh_token=|client_secret=|sessionId["':=\s]+)[^\s&"',;]+/gi;

/** Removes bearer tokens and OAuth parameters that vendor libraries sometimes put into error messages. */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, '$1[Redacted]');
}

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
