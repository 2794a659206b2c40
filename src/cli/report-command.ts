import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { oneOf, parseDay } from './option-parsers.js';
import { attributionReport, type AttributionReport, type ReportBasis } from '../report/attribution-report.js';
import { renderAttributionHtml } from '../report/render-attribution-html.js';
import { renderAttributionCsv, renderAttributionTable } from '../report/render-attribution-text.js';
import type { AttributionRecord } from '../store/decision-store.js';
import { openDecisionContext } from './decision-cli-context.js';

interface ReportFlags {
  readonly connection: string;
  readonly from: string;
  readonly to: string;
  readonly format: 'table' | 'csv' | 'html';
  readonly basis: ReportBasis;
  readonly output?: string;
}

const RENDER = {
  table: renderAttributionTable,
  csv: renderAttributionCsv,
  html: renderAttributionHtml,
} satisfies Record<ReportFlags['format'], (data: AttributionReport, connectionId: string) => string>;

/** `partnersync report attribution`: sourced vs influenced revenue per partner for a period. */
export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('reports over the stored decisions');
  report
    .command('attribution')
    .description('sourced vs influenced revenue per partner for a period (table, CSV or standalone HTML)')
    .requiredOption('--connection <id>', 'connection id')
    .requiredOption('--from <YYYY-MM-DD>', 'first UTC day of the period', parseDay)
    .requiredOption('--to <YYYY-MM-DD>', 'last UTC day of the period (inclusive)', parseDay)
    .option('--format <format>', 'table, csv or html', oneOf(['table', 'csv', 'html'] as const), 'table')
    .option(
      '--basis <basis>',
      'won: closed won in the period; created: created in it',
      oneOf(['won', 'created'] as const),
      'won',
    )
    .option('--output <file>', 'write to a file instead of stdout')
    .action(async (flags: ReportFlags) => {
      if (flags.from > flags.to) throw new InvalidArgumentError('--from must not be after --to');
      const ctx = await openDecisionContext(flags.connection);
      try {
        const records: AttributionRecord[] = [];
        for await (const r of ctx.decisions.scan(ctx.connectionId, 'opportunity')) records.push(r);
        const data = attributionReport(records, { from: flags.from, to: flags.to, basis: flags.basis });
        const text = RENDER[flags.format](data, ctx.connectionId);
        if (flags.output === undefined) process.stdout.write(text);
        else await writeFile(flags.output, text, 'utf8');
      } finally {
        await ctx.close();
      }
    });
}
