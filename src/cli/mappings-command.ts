import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DescribeData, checkAgainstSchema } from '../../mappings/check-against-schema.js';
import { mappingJsonSchemaText } from '../../mappings/json-schema.js';
import { formatIssue, validateMapping } from '../../mappings/validate.js';

/** Where the command writes; tests pass their own. */
export interface MappingsCommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly setExitCode: (code: number) => void;
}

const processIo: MappingsCommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

async function readDescribe(file: string): Promise<DescribeData> {
  const parsed = DescribeData.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: expected { "<object>": [{ "name", "type" }] }`);
  return parsed.data;
}

async function validateCommand(
  file: string,
  opts: { describe?: string },
  io: MappingsCommandIo,
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
  if (opts.describe !== undefined) {
    const issues = checkAgainstSchema(result.mapping, await readDescribe(opts.describe));
    for (const issue of issues) io.out(formatIssue({ ...issue, file, line: null }));
    if (issues.length > 0) {
      io.setExitCode(1);
      return;
    }
  }
  const objects = Object.keys(result.mapping.objects).length;
  const targets = Object.keys(result.mapping.writeBack ?? {}).length;
  io.out(`${file}: OK (${result.mapping.provider}, ${objects} objects, ${targets} write-back targets)`);
}

/** `partnersync mappings validate FILE [--describe JSON]` and `partnersync mappings schema`. */
export function registerMappingsCommand(program: Command, io: MappingsCommandIo = processIo): Command {
  const mappings = program.command('mappings').description('check and inspect field mapping files');
  mappings
    .command('validate')
    .description('validate a mapping file; prints FILE:LINE path: message for every issue, exit 1 on any')
    .argument('<file>', 'mapping file (YAML or JSON)')
    .option(
      '--describe <json>',
      'also check fields against CRM describe data: { "<object>": [{ "name", "type" }] }',
    )
    .action(async (file: string, opts: { describe?: string }) => validateCommand(file, opts, io));
  mappings
    .command('schema')
    .description('print the JSON Schema of mapping files (for editors)')
    .action(() => io.out(mappingJsonSchemaText().trimEnd()));
  return mappings;
}
