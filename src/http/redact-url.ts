/** Parameter names whose values are credentials (the Salesforce outbound-message `?token=` first). */
const SECRET_NAMES = new Set([
  'token',
  'access_token',
  'refresh_token',
  'client_secret',
  'secret',
  'password',
  'key',
  'api_key',
  'apikey',
  'signature',
]);

/** Percent-decoding that never throws: a malformed escape stays as it is, every valid one is decoded. */
function lenientDecode(text: string): string {
  const plus = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * The URL as it may be logged: the value of every `name=value` parameter, in the query (`?`, `&`) or in
 * path parameters (`;`), whose name is a credential once percent-decoded (`%74oken`, `TOKEN`) is replaced
 * by `[Redacted]`. Names are compared decoded, so no encoding slips a secret past.
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&;])([^?&;=#]*)=([^&;#]*)/g, (whole, sep: string, name: string) =>
    SECRET_NAMES.has(lenientDecode(name).trim().toLowerCase()) ? `${sep}${name}=[Redacted]` : whole,
  );
}
