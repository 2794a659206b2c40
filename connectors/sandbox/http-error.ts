/** An HTTP answer a sandbox route throws to reply with a vendor-shaped error body. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`sandbox HTTP ${status}`);
    this.name = 'SandboxHttpError';
  }
}
