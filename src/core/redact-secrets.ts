/** What never reaches a log: secret-named keys, auth and signature headers, tokens inside error text. */
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
