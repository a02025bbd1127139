/** Registers `phasegate release evaluate|approve|status|verify`; implementations load lazily. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { TIER_CHOICES, repeatable } from './options.js';
import { instantOption } from './dates.js';

const stepNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a step number: 0, 1, 2, …');
  return n;
};

function common(cmd: Command): Command {
  return cmd
    .addOption(new Option('--store <url>', 'history store: file:DIR or postgres://…').env('PHASEGATE_STORE').default('file:.phasegate/history'))
    .requiredOption('--project <name>', 'the project')
    .requiredOption('--rollout <id>', 'the rollout, e.g. the version being released');
}

/** `release …`. Exit codes of evaluate: 0 promote, 1 rollback, 3 hold, 2 could not evaluate. */
export function registerReleaseCommands(program: Command, setCode: (code: number) => void): void {
  const release = program.command('release').description('gray-release gate: canary analysis, approvals and a hash-chained decision record');
  common(release.command('evaluate').description('judge the current step: exit 0 promote, 1 rollback, 3 hold, 2 could not evaluate'))
    .addOption(new Option('--step <n>', 'the rollout step being judged (0 = first)').argParser(stepNumber).makeOptionMandatory())
    .addOption(new Option('--tier <tier>', 'a built-in tier policy').choices(TIER_CHOICES))
    .option('--policy <file>', 'the policy with the release section')
    .option('--prometheus <url>', 'Prometheus base URL for metrics with provider prometheus')
    .addOption(new Option('--prometheus-token <token>', 'bearer token for Prometheus').env('PHASEGATE_PROMETHEUS_TOKEN').hideHelp())
    .option('--samples <file>', 'JSON or CSV samples for metrics with provider file')
    .option('--window <duration>', "restart the looks on windows of this length from the step's start, e.g. 1h, at least the step's minDuration (default: each look reads everything since the step began)")
    .addOption(new Option('--query-step <seconds>', 'resolution of range queries (default 60)').argParser(stepNumber))
    .addOption(new Option('--started-at <iso-8601>', 'when the rollout started (default: its first decision, else now)').argParser(instantOption('--started-at')))
    .option('--commit <sha>', 'the commit being released (approvals must name it)')
    .addOption(new Option('--now <iso-8601>', 'judge as of this time').argParser(instantOption('--now')))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--out <file>', 'write the decision to a file (atomically) instead of stdout')
    .action(async (o) => setCode(await (await import('./commands/release.js')).releaseEvaluate(o)));
  common(release.command('approve').description("record a release manager's approval of a step"))
    .requiredOption('--by <user>', 'who approves')
    .requiredOption('--role <role>', 'their role (the policy decides whether it counts)')
    .addOption(new Option('--step <n>', 'the step approved').argParser(stepNumber).makeOptionMandatory())
    .requiredOption('--commit <sha>', 'the commit approved')
    .addOption(new Option('--time <iso-8601>', 'when (default: now)').argParser(instantOption('--time')))
    .action(async (o) => setCode(await (await import('./commands/release.js')).releaseApprove(o)));
  common(release.command('status').description('where a rollout stands: state, last decision, chain head'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (o) => setCode(await (await import('./commands/release.js')).releaseStatus(o)));
  release
    .command('verify')
    .description('check the hash chains of the decision records and the store: exit 0 intact, 1 edited, removed or forged records or a damaged store, 2 keyed records without their key')
    .addOption(new Option('--store <url>', 'history store').env('PHASEGATE_STORE').default('file:.phasegate/history'))
    .requiredOption('--project <name>', 'the project')
    .option('--anchor <project/rollout=hash>', 'a chain head kept elsewhere, to catch removed latest records (repeatable)', repeatable)
    .action(async (o) => setCode(await (await import('./commands/release.js')).releaseVerify(o)));
}
