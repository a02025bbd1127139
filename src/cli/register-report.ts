/** Registers `phasegate report`; the implementation loads lazily. */
import { Option, type Command } from 'commander';
import { TIER_CHOICES, repeatable } from './options.js';
import { instantOption } from './dates.js';
import { kpiSettingOptions } from './kpi-flags.js';

/** `report --project P | --portfolio` as md, html or json. */
export function registerReportCommand(program: Command, setCode: (code: number) => void): void {
  kpiSettingOptions(program
    .command('report')
    .description('the project health report (or the portfolio of every project in a store) as Markdown, HTML or JSON')
    .option('--project <name>', 'the project to report on')
    .option('--portfolio', 'one report across every project in the store (the PMO view)')
    .addOption(new Option('--store <url>', 'history store: file:DIR or postgres://…').env('PHASEGATE_STORE').default('file:.phasegate/history'))
    .option('--evidence <file>', 'the current evidence bundle (tests, coverage, security, size)')
    .option('--pipeline <name>', 'this run\'s pipeline as `record run` recorded it (with --build): that recorded run is the --evidence, not also an earlier run in the trends')
    .option('--build <id>', 'this run\'s build as `record run` recorded it (with --pipeline)')
    .option('--verdict <file>', 'a JSON verdict of the current run (repeatable); recorded verdicts fill the other phases', repeatable)
    .addOption(new Option('--tier <tier>', 'rate KPIs against a built-in tier policy (with --portfolio: every project)').choices(TIER_CHOICES))
    .option('--policy <file>', 'rate KPIs against this policy (with --portfolio: every project)')
    .option('--plan <file>', 'plan file (default: .phasegate/plan.yaml, else the latest recorded plan)')
    .option('--defects <file>', 'defects export (JSON or CSV)')
    .addOption(new Option('--as-of <iso-8601>', 'report as of this time (default: now)').argParser(instantOption('--as-of')))
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html', 'json']).makeOptionMandatory())
    .addOption(new Option('--markdown-for <place>', 'GitHub limit the Markdown must fit').choices(['job-summary', 'check-run', 'comment']).default('job-summary'))
    .addOption(new Option('--html-assets <where>', 'HTML: `inline` (the default), one self-contained file, or `external`: the stylesheet in phasegate-report.css beside --out and nothing inline, for Jenkins\' default Content-Security-Policy').choices(['inline', 'external']))
    .option('--out <file>', 'write the report to a file (atomically) instead of stdout'))
    .action(async (o) => setCode(await (await import('./commands/report.js')).reportCommand(o)));
}
