import { EnvSchema } from './env.js';

/** Names and descriptions of every variable, for the README table and `partnersync config`. */
export function describeEnv(): { name: string; default: string; description: string }[] {
  const shape = EnvSchema.shape;
  return Object.entries(shape).map(([name, schema]) => {
    const parsed = schema.safeParse(undefined);
    const value: unknown = parsed.success ? parsed.data : undefined;
    const fallback =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '';
    return { name, default: fallback, description: schema.description ?? '' };
  });
}

/** The configuration table of README.md, generated from the schema (a test keeps README in step). */
export function envMarkdownTable(): string {
  const rows = describeEnv().map(
    (v) =>
      `| \`${v.name}\` | ${v.default === '' ? '' : `\`${v.default}\``} | ${v.description.replace(/\|/g, '\\|')} |`,
  );
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
