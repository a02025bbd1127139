/** Registers the history commands: `record …`, `metrics`, `forecast`. Implementations load lazily. */
import type { Command} from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_STORE, PHASE_CHOICES, repeatable } from './options.js';
import { instantOption } from './dates.js';
import { kpiSettingOptions } from './kpi-flags.js';

type SetCode = (code: number) => void;


/** `--store` (default: $PHASEGATE_STORE, else the file store in .phasegate/history) and `--project`. */
function storeOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--store <url>', 'history store: file:DIR or postgres://…').env('PHASEGATE_STORE').default(DEFAULT_STORE))
    .requiredOption('--project <name>', 'project the facts belong to');
}

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
};

function recordCommands(program: Command, setCode: SetCode): void {
  const record = program.command('record').description('append runs, deployments, incidents and work items to the history store');
  const time = () => new Option('--time <iso-8601>', 'when it happened (default: now)').argParser(instantOption('--time'));
  storeOptions(record.command('run').description('a pipeline run with its evidence metrics and gate verdicts'))
    .requiredOption('--pipeline <name>', 'pipeline or job name')
    .requiredOption('--build <id>', 'build number or run id')
    .requiredOption('--commit <sha>', 'commit built')
    .requiredOption('--branch <name>', 'branch built')
    .option('--evidence <file>', 'evidence bundle from `phasegate collect`')
    .option('--verdict <file>', 'JSON verdict from `phasegate gate --format json` (repeatable)', repeatable)
    .addOption(time())
    .action(async (o) => setCode(await (await import('./commands/record.js')).recordRun(o)));
  storeOptions(record.command('deployment').description('a deployment (production counts for DORA)'))
    .option('--environment <name>', 'environment', 'production')
    .requiredOption('--version <version>', 'version deployed')
    .requiredOption('--commit <sha>', 'commit deployed')
    .option('--commits <file>', 'the commits this deployment brought, "SHA TIME" a line (git log --format=\'%H %cI\' PREVIOUS..COMMIT): lead time is the median over them')
    .addOption(new Option('--commit-time <iso-8601>', 'time of the earliest commit in the deployment (lead time when --commits is not given)').argParser(instantOption('--commit-time')))
    .addOption(new Option('--status <status>', 'outcome').choices(['success', 'failed', 'rolled_back']).default('success'))
    .option('--id <id>', 'deployment id (default: derived from project, environment, version and time)')
    .addOption(time())
    .action(async (o) => setCode(await (await import('./commands/record.js')).recordDeployment(o)));
  storeOptions(record.command('incident').description('a production incident: start (--time), restore (--resolved), cause (--deployment)'))
    .addOption(new Option('--severity <level>', 'severity').choices(['critical', 'major', 'minor']).makeOptionMandatory())
    .addOption(new Option('--resolved <iso-8601>', 'when service was restored').argParser(instantOption('--resolved')))
    .option('--deployment <id>', 'the deployment that caused it')
    .option('--id <id>', 'incident id (default: derived from project, time and severity)')
    .addOption(time())
    .action(async (o) => setCode(await (await import('./commands/record.js')).recordIncident(o)));
  storeOptions(record.command('workitem').description('a work item state change (the latest per item wins)'))
    .requiredOption('--item <id>', 'work item id, e.g. PAY-123')
    .addOption(new Option('--type <type>', 'kind of item').choices(['feature', 'requirement', 'defect', 'task']).default('feature'))
    .addOption(new Option('--state <state>', 'new state').choices(['open', 'in-progress', 'done']).makeOptionMandatory())
    .addOption(new Option('--phase <phase>', 'phase the item belongs to').choices(PHASE_CHOICES))
    .addOption(new Option('--weight <n>', 'relative size (default 1)').argParser(positive))
    .addOption(new Option('--percent <n>', 'percent of the work done, 0 to 100 (for the percent-complete earning method)').argParser(percent))
    .addOption(new Option('--severity <level>', 'for defects').choices(['critical', 'high', 'medium', 'low']))
    .option('--title <text>', 'title')
    .addOption(time())
    .action(async (o) => setCode(await (await import('./commands/record.js')).recordWorkItem(o)));
  storeOptions(record.command('plan').description('a snapshot of the plan file (metrics and portfolio reports use the latest)'))
    .requiredOption('--plan <file>', 'plan file, e.g. .phasegate/plan.yaml')
    .addOption(time())
    .action(async (o) => setCode(await (await import('./commands/record.js')).recordPlan(o)));
}

const percent = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError(`expected a percent from 0 to 100 (got ${value}); give the share of the work done, e.g. --percent 40`);
  return n;
};

const integer = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};

/** Options shared by `metrics` and `forecast`. */
function kpiOptions(cmd: Command): Command {
  return storeOptions(cmd)
    .option('--plan <file>', 'plan file (default: .phasegate/plan.yaml when it exists)')
    .option('--defects <file>', 'defects export (JSON or CSV) for defect density')
    .addOption(new Option('--as-of <iso-8601>', 'compute as of this time (default: now)').argParser(instantOption('--as-of')))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout');
}

/** Registers `record`, `metrics` and `forecast`. */
export function registerHistoryCommands(program: Command, setCode: SetCode): void {
  recordCommands(program, setCode);
  kpiSettingOptions(kpiOptions(program.command('metrics').description('KPIs of a project: defect density, earned value, test analytics, DORA, forecast, warnings'))
    .option('--evidence <file>', 'the current evidence bundle (size, test and security metrics; changed files for defects.newDensity)')
    .option('--count-as-defects <metric>', 'an evidence count that also counts as defects, e.g. security.high or tests.failed (repeatable)', repeatable))
    .action(async (o) => setCode(await (await import('./commands/metrics.js')).metricsCommand(o)));
  kpiOptions(program.command('forecast').description('Monte Carlo forecast of the finish date from weekly throughput; --backtest checks it against the past'))
    .addOption(new Option('--due <date>', 'due date (default: the plan\'s)').argParser(instantOption('--due')))
    .addOption(new Option('--remaining <n>', 'work left, in the forecast\'s unit: item weights when the plan or records give any, else items (default: the open work items)').argParser(positive))
    .addOption(new Option('--trials <n>', 'Monte Carlo trials (default 10000)').argParser(integer))
    .addOption(new Option('--seed <n>', 'random seed (default 1): the same seed gives the same forecast').argParser(integer))
    .option('--backtest', 'also cut the history at past dates and compare forecasts with the real finish')
    .action(async (o) => setCode(await (await import('./commands/metrics.js')).forecastCommand(o)));
}
