import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DescribeData, checkAgainstSchemaWithNotes } from '../../mappings/check-against-schema.js';
import type { Mapping } from '../../mappings/schema.js';
import { mappingJsonSchemaText } from '../../mappings/json-schema.js';
import { formatIssue, validateMapping } from '../../mappings/validate.js';
import { processIo, type CommandIo } from './command-io.js';

/** Where the command writes; tests pass their own. */
export type MappingsCommandIo = CommandIo;

async function readDescribe(file: string): Promise<DescribeData> {
  const parsed = DescribeData.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: expected { "<object>": [{ "name", "type" }] }`);
  return parsed.data;
}

/** Fetches describe data from a live connection (the service's connection config and Redis budget). */
export type DescribeFromConnection = (
  connectionId: string,
  mapping: Mapping,
) => Promise<{ describe: DescribeData; missing: string[] }>;

/** Prints every issue and note of the schema check; true when the mapping fits. */
function reportSchemaCheck(
  file: string,
  mapping: Mapping,
  describe: DescribeData,
  io: MappingsCommandIo,
): boolean {
  const { issues, notes } = checkAgainstSchemaWithNotes(mapping, describe);
  for (const issue of issues) io.out(formatIssue({ ...issue, file, line: null }));
  for (const note of notes) io.out(`note: ${formatIssue({ ...note, file, line: null })}`);
  return issues.length === 0;
}

async function liveCheck(
  file: string,
  connection: string,
  mapping: Mapping,
  io: MappingsCommandIo,
  describeFromConnection: DescribeFromConnection,
): Promise<boolean> {
  let live: Awaited<ReturnType<DescribeFromConnection>>;
  try {
    live = await describeFromConnection(connection, mapping);
  } catch (err) {
    io.err(
      `${file}: cannot describe connection ${connection}: ${err instanceof Error ? err.message : String(err)}`,
    );
    return false;
  }
  for (const object of live.missing)
    io.out(`${file}: object ${object} does not exist in connection ${connection}`);
  return reportSchemaCheck(file, mapping, live.describe, io) && live.missing.length === 0;
}

async function validateCommand(
  file: string,
  opts: { describe?: string; connection?: string },
  io: MappingsCommandIo,
  describeFromConnection: DescribeFromConnection | undefined,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    io.err(`${file}: cannot read (${err instanceof Error ? err.message : String(err)})`);
    io.setExitCode(1);
    return;
  }
  const result = validateMapping(text, file);
  if (!result.ok) {
    for (const issue of result.issues) io.out(formatIssue(issue));
    io.setExitCode(1);
    return;
  }
  if (opts.connection !== undefined) {
    if (describeFromConnection === undefined) {
      io.err(`${file}: --connection is not available here`);
      io.setExitCode(1);
      return;
    }
    if (!(await liveCheck(file, opts.connection, result.mapping, io, describeFromConnection))) {
      io.setExitCode(1);
      return;
    }
  }
  if (opts.describe !== undefined) {
    if (!reportSchemaCheck(file, result.mapping, await readDescribe(opts.describe), io)) {
      io.setExitCode(1);
      return;
    }
  }
  const objects = Object.keys(result.mapping.objects).length;
  const targets = Object.keys(result.mapping.writeBack ?? {}).length;
  const against = opts.connection === undefined ? '' : `, fits connection ${opts.connection}`;
  io.out(
    `${file}: OK (${result.mapping.provider}, ${objects} objects, ${targets} write-back targets${against})`,
  );
}

/**
 * `partnersync mappings validate FILE [--describe JSON] [--connection ID]` and `partnersync mappings
 * schema`.
 */
export function registerMappingsCommand(
  program: Command,
  io: MappingsCommandIo = processIo,
  describeFromConnection?: DescribeFromConnection,
): Command {
  const mappings = program.command('mappings').description('check and inspect field mapping files');
  mappings
    .command('validate')
    .description('validate a mapping file; prints FILE:LINE path: message for every issue, exit 1 on any')
    .argument('<file>', 'mapping file (YAML or JSON)')
    .option(
      '--describe <json>',
      'also check fields against CRM describe data: { "<object>": [{ "name", "type" }] }',
    )
    .option(
      '--connection <id>',
      'also check fields against the live CRM of this connection (describe / properties API)',
    )
    .action(async (file: string, opts: { describe?: string; connection?: string }) =>
      validateCommand(file, opts, io, describeFromConnection),
    );
  mappings
    .command('schema')
    .description('print the JSON Schema of mapping files (for editors)')
    .action(() => io.out(mappingJsonSchemaText().trimEnd()));
  return mappings;
}
