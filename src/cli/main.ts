/**
 * The `phasegate` command: builds the command tree and is the one failure boundary.
 * User errors print one line each and exit 2; anything else is a bug (stack, exit 2).
 * Command implementations are imported lazily so `--version` and `--help` start fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PhasegateError, formatDiagnostic } from '../errors.js';
import { packageVersion } from './package-info.js';
import { DEFAULT_STORE, PHASE_CHOICES, TIER_CHOICES, repeatable } from './options.js';
import { instantOption } from './dates.js';
import { doraWindowDays } from './kpi-flags.js';
import { registerHistoryCommands } from './register-history.js';
import { registerReportCommand } from './register-report.js';
import { registerReleaseCommands } from './register-release.js';

type SetCode = (code: number) => void;

/** Adds the evidence-collection flags shared by `collect` and `gate`. */
export function addCollectOptions(cmd: Command): Command {
  return cmd
    .option('--junit <glob>', 'JUnit XML test reports (repeatable)', repeatable)
    .option('--coverage <glob>', 'coverage reports: LCOV, Cobertura or JaCoCo XML (repeatable)', repeatable)
    .option('--sarif <glob>', 'SARIF 2.1.0 security/static-analysis results (repeatable)', repeatable)
    .option('--docs <[kind=]glob>', 'requirement/design documents, e.g. requirements=docs/req/*.md (repeatable)', repeatable)
    .option('--source <dir>', 'source tree for code size and path normalisation')
    .option('--include <glob>', 'count only these files under --source (repeatable)', repeatable)
    .option('--exclude <glob>', 'also leave these files out of --source (repeatable)', repeatable)
    .option('--base <ref>', 'git ref the change is compared with (new code, changed files)')
    .option('--facts <file>', 'platform facts JSON: approvals, labels, author, change request')
    .option('--perf <glob>', 'performance results: JMeter JTL (CSV/XML), k6 summary JSON, Gatling stats.json, Locust _stats.csv (repeatable)', repeatable)
    .option('--perf-baseline <file|store:branch>', 'baseline for perf.*Change: a result file, or store:BRANCH for its last recorded run (with --project, --store)')
    .option('--jenkins-build <url>', "a Jenkins build's test report, by the build's URL, e.g. https://ci.example.com/job/app/42/ (repeatable; credentials from JENKINS_USER/JENKINS_TOKEN)", repeatable)
    .option('--allow-empty', 'a glob that matches no file, or a --jenkins-build without test results, is not an error')
    .addOption(new Option('--test-retries <mode>', 'which same-named test cases are one test: the retries reports mark, or every same-name repeat').choices(['marked', 'same-name']));
}

function policyCommands(program: Command, setCode: SetCode): void {
  const policy = program.command('policy').description('validate and explain phase-gate policies');
  policy
    .command('validate')
    .description('check policy files (and what they extend) against the policy schema')
    .argument('<files...>', 'policy YAML files')
    .action(async (files: string[]) => setCode((await import('./commands/policy.js')).validateCommand(files)));
  policy
    .command('explain')
    .description('show the effective rules and release settings, each with the file:line and layer that set it')
    .addOption(new Option('--tier <tier>', 'a built-in tier policy').choices(TIER_CHOICES))
    .option('--policy <file>', 'a policy file')
    .addOption(new Option('--phase <phase>', 'only this phase (release: with the rollout section)').choices(PHASE_CHOICES))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts) => setCode((await import('./commands/policy.js')).explainCommand(opts)));
}

function gateCommand(program: Command, setCode: SetCode): void {
  const gate = program
    .command('gate')
    .description('evaluate one phase gate: exit 0 passed, 1 failed, 2 could not evaluate')
    .addOption(new Option('--phase <phase>', 'the phase whose gate to evaluate').choices(PHASE_CHOICES).makeOptionMandatory())
    .addOption(new Option('--tier <tier>', 'a built-in tier policy').choices(TIER_CHOICES))
    .option('--policy <file>', 'a policy file')
    .option('--evidence <file>', 'an evidence bundle written by `phasegate collect`');
  addCollectOptions(gate)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit', 'sarif', 'markdown']).default('text'))
    .option('--out <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--output <format=file>', 'also write the verdict in another format to a file, e.g. junit=phasegate-gate.xml (repeatable; formats as --format)', repeatable)
    .option('--fail-on-warn', 'exit 1 when the gate passes with warnings')
    .option('--project <name>', 'also gate on the KPIs of this project from the history store (schedule.*, cost.*, dora.*, …)')
    .addOption(new Option('--store <url>', 'history store for --project: file:DIR or postgres://…').env('PHASEGATE_STORE').default(DEFAULT_STORE))
    .option('--plan <file>', 'plan file for --project (default: .phasegate/plan.yaml when it exists)')
    .option('--defects <file>', 'defects export for --project (defect density)')
    .addOption(new Option('--dora-window <days>', 'with --project: window of the DORA and test-analytics KPIs, days back (default: the policy\'s settings.doraWindowDays, else 30)').argParser(doraWindowDays))
    .option('--base-branch <name>', 'with --project: the base branch new test failures are compared with (default: the policy\'s settings.baseBranch, else main)')
    .addOption(new Option('--now <iso-8601>', 'evaluate as of this time (waiver expiry, freeze dates)').argParser(instantOption('--now')))
    .action(async (opts) => setCode(await (await import('./commands/gate.js')).gateCommand(opts)));
}

function collectCommand(program: Command, setCode: SetCode): void {
  const collect = program.command('collect').description('read reports, documents and facts into an evidence bundle (JSON)');
  addCollectOptions(collect)
    .option('--policy <file>', 'the policy whose settings.size says what code size counts (as gate --policy does)')
    .option('--out <file>', 'write the bundle to a file (atomically) instead of stdout')
    .option('--project <name>', 'project in the history store, for --perf-baseline store:BRANCH')
    .addOption(new Option('--store <url>', 'history store for --perf-baseline store:BRANCH: file:DIR or postgres://…').env('PHASEGATE_STORE').default(DEFAULT_STORE))
    .action(async (opts) => setCode(await (await import('./commands/collect.js')).collectCommand(opts)));
}

function jenkinsCommands(program: Command, setCode: SetCode): void {
  const jenkins = program.command('jenkins').description('read builds and test reports from Jenkins');
  jenkins
    .command('import')
    .description("import a Jenkins job's last completed builds (commit, branch, test results) into the history store as runs")
    .addOption(new Option('--url <url>', "Jenkins' root URL, e.g. https://ci.example.com/jenkins (default: $JENKINS_URL)").env('JENKINS_URL').makeOptionMandatory())
    .requiredOption('--job <name>', "the job's full name, folders separated by /: app, team/app, team/app/main (a multibranch branch)")
    .addOption(new Option('--builds <n>', 'how many of the last completed builds to import').default(100).argParser(wholeNumber('--builds')))
    .addOption(new Option('--store <url>', 'history store: file:DIR or postgres://…').env('PHASEGATE_STORE').default(DEFAULT_STORE))
    .option('--project <name>', "project in the history store (default: the job's name; for a branch of a multibranch project, the project's name)")
    .addOption(new Option('--timeout <seconds>', 'seconds each request to Jenkins may take').default(30).argParser(positiveNumber('--timeout')))
    .option('--git-remote <text>', 'with several git checkouts in a build, take the commit of the one whose remote URL contains this text')
    .addHelpText('after', '\nCredentials: JENKINS_USER and JENKINS_TOKEN (a user and an API token), or user:token@ in --url.\nBuilds already in the store are not fetched again; running builds are skipped. See docs/jenkins-api.md.')
    .action(async (opts) => setCode(await (await import('./commands/jenkins.js')).jenkinsImportCommand(opts)));
}

function wholeNumber(option: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${option} must be a whole number, not ${JSON.stringify(value)}`);
    return Number(value);
  };
}

function positiveNumber(option: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${option} must be a positive number of seconds, not ${JSON.stringify(value)}`);
    return n;
  };
}

function demoCommand(program: Command, setCode: SetCode): void {
  program
    .command('demo')
    .description('collect the evidence of the example project and evaluate its five phase gates')
    .option('--out-dir <dir>', 'where to write the verdicts', '.phasegate/demo')
    .action(async (opts) => setCode(await (await import('./commands/demo.js')).demoCommand(opts)));
}

/** Builds the command tree; `setCode` receives each action's exit code. */
export function buildProgram(setCode: SetCode): Command {
  const program = new Command('phasegate')
    .description('Phase-gate policies, delivery metrics and release gates for CI/CD pipelines')
    .version(packageVersion(), '-V, --version')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`phasegate: ${str.replace(/^error: /, '')}`) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExit codes: 0 gate passed (warnings allowed), 1 gate failed, 2 could not evaluate.');
  policyCommands(program, setCode);
  gateCommand(program, setCode);
  collectCommand(program, setCode);
  registerHistoryCommands(program, setCode);
  registerReportCommand(program, setCode);
  registerReleaseCommands(program, setCode);
  jenkinsCommands(program, setCode);
  demoCommand(program, setCode);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    const { cliRedactor } = await import('./secrets.js');
    return handleError(err, cliRedactor(argv, process.env));
  }
}

/** Prints a failure: one line per diagnostic, a stack only for a bug; every line redacted. */
function handleError(err: unknown, redact: (text: string) => string): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof PhasegateError) {
    for (const d of err.diagnostics) process.stderr.write(`phasegate: ${redact(formatDiagnostic(d))}\n`);
    return 2;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`phasegate: internal error (please report it): ${redact(detail)}\n`);
  return 2;
}
