/**
 * The health-report action's flow, the same core as `phasegate report` (src/core/report.ts):
 * read the project's history from the store, add this run's evidence and verdicts and the
 * policy, build the report, and publish it: the job summary (Markdown within GitHub's 1 MiB),
 * a Markdown and an HTML file for an artifact, outputs, and optionally one sticky comment on
 * the pull request. With `portfolio: true`, one row per project of the store instead. I/O
 * goes through `ActionIO`, `GitHubClient` and the store the edge opens.
 */
import path from 'node:path';
import { readProjectHistory, type ProjectHistory, type RunRef } from '../core/history.js';
import { earlierRuns, portfolio, projectReport } from '../core/report.js';
import { PhasegateError } from '../errors.js';
import type { EvidenceBundle } from '../evidence/types.js';
import { readEvidenceFile } from '../evidence/validate.js';
import type { Verdict } from '../gate/types.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { TIERS, type EffectivePolicy, type Tier } from '../policy/types.js';
import { renderReportMarkdown, reportMarker } from '../report/markdown/index.js';
import { COMMENT_LIMIT, JOB_SUMMARY_LIMIT } from '../report/markdown/size.js';
import { renderPortfolioMarkdown, type PortfolioRow } from '../report/portfolio.js';
import type { HealthStatus, Report } from '../report/types.js';
import { DEFAULT_STORE_URL, type HistoryStore } from '../store/port.js';
import type { GitHubClient, IssueComment, Repo } from './client.js';
import { upsertComment } from './comment.js';
import type { RunContext } from './event.js';
import { bool, choice, lines, text, type InputSource } from './inputs.js';
import type { ActionIO } from './phase-gate.js';
import { defaultRun, readVerdicts, storeLabel } from './store-inputs.js';

/** The inputs of actions/health-report/action.yml, by name. */
export const INPUTS = {
  project: 'project',
  portfolio: 'portfolio',
  store: 'store',
  tier: 'tier',
  policy: 'policy',
  evidence: 'evidence',
  verdictFiles: 'verdict-files',
  pipeline: 'pipeline',
  build: 'build',
  comment: 'comment',
  html: 'html',
  token: 'token',
} as const;

/** The outputs of actions/health-report/action.yml, by name. */
export const OUTPUTS = { health: 'health', htmlFile: 'html-file', markdownFile: 'markdown-file' } as const;

export interface HealthReportSettings {
  /** One project's report, or (`portfolio`) every project of the store. */
  target: { project: string } | { portfolio: true };
  store: string;
  policy?: { tier: Tier } | { file: string };
  evidence?: string;
  verdictFiles: string[];
  /** This run's identity as collect-metrics recorded it; empty: the same defaults. */
  pipeline: string;
  build: string;
  comment: boolean;
  /** Empty: RUNNER_TEMP/phasegate-report.html. */
  html: string;
  token: string;
}

/** The hidden marker of the portfolio's sticky comment (a project's report has its own, reportMarker). */
export const PORTFOLIO_MARKER = '<!-- phasegate:portfolio -->';

/** Reads the inputs once; every problem is one line naming the input. */
export function healthReportSettings(read: InputSource): HealthReportSettings {
  const isPortfolio = bool(read, INPUTS.portfolio, false);
  const project = text(read, INPUTS.project);
  const tier = text(read, INPUTS.tier);
  const file = text(read, INPUTS.policy);
  const evidence = text(read, INPUTS.evidence) || undefined;
  const verdictFiles = lines(read, INPUTS.verdictFiles);
  const comment = bool(read, INPUTS.comment, false);
  if (isPortfolio) {
    const used = [[INPUTS.project, project], [INPUTS.tier, tier], [INPUTS.policy, file], [INPUTS.evidence, evidence], [INPUTS.verdictFiles, verdictFiles.join('')], [INPUTS.pipeline, text(read, INPUTS.pipeline)], [INPUTS.build, text(read, INPUTS.build)]].find(([, v]) => v);
    if (used) throw new PhasegateError({ message: `input "${used[0]}": not used with "${INPUTS.portfolio}: true" (the portfolio covers every project of the store from its history); remove it, or set "${INPUTS.portfolio}" to false` });
  } else if (!project) {
    throw new PhasegateError({ message: `input "${INPUTS.project}": is required (or "${INPUTS.portfolio}: true" for every project of the store); set it in the step's \`with:\`` });
  }
  if (tier && file) throw new PhasegateError({ message: `inputs "${INPUTS.tier}" and "${INPUTS.policy}": give at most one (a built-in tier, or the policy file's path in the workspace)` });
  const policy = tier ? { tier: choice(read, INPUTS.tier, TIERS) } : file ? { file } : undefined;
  const token = text(read, INPUTS.token);
  if (comment && !token) throw new PhasegateError({ message: `input "${INPUTS.token}": is required with "${INPUTS.comment}: true"; set it in the step's \`with:\`` });
  return {
    target: isPortfolio ? { portfolio: true } : { project },
    store: text(read, INPUTS.store, DEFAULT_STORE_URL),
    ...(policy ? { policy } : {}),
    ...(evidence ? { evidence } : {}),
    verdictFiles,
    pipeline: text(read, INPUTS.pipeline),
    build: text(read, INPUTS.build),
    comment,
    html: text(read, INPUTS.html),
    token,
  };
}

/** The pull-request permissions the comment needs, for the message on a 403. */
export const COMMENT_PERMISSIONS = ['permissions:', '  contents: read', '  pull-requests: write'].join('\n');

/** The worst health of the portfolio's projects, or `unknown` when none is scored. */
export function worstHealth(rows: readonly PortfolioRow[]): HealthStatus | 'unknown' {
  const statuses = new Set(rows.map((r) => r.healthStatus));
  return statuses.has('critical') ? 'critical' : statuses.has('at-risk') ? 'at-risk' : statuses.has('healthy') ? 'healthy' : 'unknown';
}

/** What one report (a project's or the portfolio) turns into. */
interface Rendered {
  health: HealthStatus | 'unknown';
  markdown(limit: number): string;
  html(): Promise<string>;
  marker: string;
  headline: string;
}

/** This run as collect-metrics recorded it (the same defaults). */
function thisRun(s: HealthReportSettings, ctx: RunContext): RunRef {
  return { pipeline: s.pipeline || defaultRun(ctx).pipeline, build: s.build || defaultRun(ctx).build };
}

/** What this run adds to the project's history: the policy, the evidence and the verdicts, read and checked before the store is opened. */
interface RunInputs {
  policy?: EffectivePolicy;
  evidence?: EvidenceBundle;
  verdicts: Verdict[];
}

async function runInputs(s: HealthReportSettings, ctx: RunContext): Promise<RunInputs> {
  const policy = s.policy ? (await import('../policy/index.js')).loadPolicy(s.policy, { cwd: ctx.workspace }) : undefined;
  const evidence = s.evidence ? readEvidenceFile(path.resolve(ctx.workspace, s.evidence)) : undefined;
  const verdicts = readVerdicts(s.verdictFiles, ctx.workspace, INPUTS.verdictFiles);
  return { ...(policy ? { policy } : {}), ...(evidence ? { evidence } : {}), verdicts };
}

/**
 * With `evidence`, a run already recorded under this run's pipeline and build (collect-metrics
 * earlier in the job) is this run: the core's earlierRuns leaves it out of the runs before it.
 */
function projectRendered(project: string, history: ProjectHistory, inputs: RunInputs, run: RunRef, now: Date, io: ActionIO): Rendered {
  const req = { history, asOf: now, ...inputs, run };
  const before = earlierRuns(req);
  if (before.thisRun) io.info(`the run recorded as ${run.pipeline}#${run.build} is this run: its evidence gives the current values, and the history is the runs before it`);
  const report: Report = projectReport(req);
  const h = report.health;
  const gates = report.phases.filter((p) => p.gate !== 'not-evaluated').length;
  return {
    health: h.status ?? 'unknown',
    markdown: (limit) => renderReportMarkdown(report, { limit, unit: 'bytes' }),
    html: async () => (await import('../report/html/index.js')).renderReportHtml(report),
    marker: reportMarker(project),
    headline: `health report of ${project}: ${h.score === null ? 'not scored' : `${h.score}/100, ${h.status}`}; ${gates} gate${gates === 1 ? '' : 's'} evaluated; a history of ${before.records.length} record${before.records.length === 1 ? '' : 's'}`,
  };
}

/**
 * Builds and publishes the report; returns the exit code (0). `openStore` opens the store the
 * settings name; `client` is asked for only when a comment is to be written.
 */
export async function runHealthReport(s: HealthReportSettings, ctx: RunContext, openStore: (url: string) => Promise<HistoryStore>, io: ActionIO, client: () => Promise<GitHubClient>, now: Date = new Date()): Promise<number> {
  // The pull request's comments are read first: the first API call does not wait for the report
  // (GitHub's answer, or its refusal, is kept for the comment's write at the end).
  const early = s.comment && ctx.pull && !ctx.readOnlyToken ? lookUpComments(client, ctx.repo, ctx.pull.number) : undefined;
  await early?.comments.catch(() => undefined);
  let rendered: Rendered;
  if ('project' in s.target) {
    const project = s.target.project;
    const inputs = await runInputs(s, ctx);
    const store = await openStore(s.store);
    let history: Awaited<ReturnType<typeof readProjectHistory>>;
    try {
      history = await readProjectHistory(store, project);
    } finally {
      await store.close();
    }
    for (const w of history.warnings) io.warning(`history store: ${w.where}: ${w.message}`);
    if (history.records.length === 0) io.warning(`${storeLabel(s.store)} holds no records of project "${project}": the report has only this run's evidence and verdicts; record runs with collect-metrics (a file store must be restored from actions/cache or an artifact first)`);
    rendered = projectRendered(project, history, inputs, thisRun(s, ctx), now, io);
  } else {
    const store = await openStore(s.store);
    let rows: PortfolioRow[];
    try {
      const p = await portfolio(store, now);
      rows = p.rows;
      for (const w of p.warnings) io.warning(`history store: ${w.where}: ${w.message}`);
    } finally {
      await store.close();
    }
    if (rows.length === 0) io.warning(`${storeLabel(s.store)} holds no records: the portfolio is empty (a file store must be restored from actions/cache or an artifact first)`);
    rendered = {
      health: worstHealth(rows),
      markdown: (limit) => renderPortfolioMarkdown(rows, now, { limit, unit: 'bytes', marker: PORTFOLIO_MARKER }),
      html: async () => (await import('../report/html/index.js')).renderPortfolioHtml(rows, {}),
      marker: PORTFOLIO_MARKER,
      headline: `portfolio of ${rows.length} project${rows.length === 1 ? '' : 's'}: worst health ${worstHealth(rows)}`,
    };
  }

  // core.summary adds a line break; the rest of the margin is for the runner's own framing.
  const markdown = rendered.markdown(JOB_SUMMARY_LIMIT - 1024);
  const markdownFile = path.join(ctx.runnerTemp, 'phasegate-report.md');
  writeFileAtomic(markdownFile, markdown);
  const htmlFile = s.html ? path.resolve(ctx.workspace, s.html) : path.join(ctx.runnerTemp, 'phasegate-report.html');
  writeFileAtomic(htmlFile, await rendered.html());
  await io.summary(markdown);
  io.output(OUTPUTS.health, rendered.health);
  io.output(OUTPUTS.htmlFile, htmlFile);
  io.output(OUTPUTS.markdownFile, markdownFile);
  io.info(`${rendered.headline}; HTML in ${htmlFile}`);

  if (s.comment) await comment(s, ctx, io, early, rendered);
  return 0;
}

interface CommentLookup {
  client: Promise<GitHubClient>;
  comments: Promise<IssueComment[]>;
}

/** Starts reading a pull request's comments; the caller awaits them, and a failure is reported by the comment's write. */
function lookUpComments(client: () => Promise<GitHubClient>, repo: Repo, issue: number): CommentLookup {
  const c = client();
  return { client: c, comments: c.then((cl) => cl.issueComments(repo, issue)) };
}

async function comment(s: HealthReportSettings, ctx: RunContext, io: ActionIO, early: CommentLookup | undefined, rendered: Rendered): Promise<void> {
  if (!ctx.pull) {
    io.info(`"${INPUTS.comment}: true", but this ${ctx.eventName} run is not for a pull request: no comment written`);
    return;
  }
  if (ctx.readOnlyToken) {
    io.warning(`this pull request's token is read-only (a fork or Dependabot): the report is in the job summary, not in a comment`);
    return;
  }
  const body = rendered.markdown(COMMENT_LIMIT);
  try {
    const { created } = await upsertComment(await early!.client, ctx.repo, ctx.pull.number, body, rendered.marker, 'github-actions[bot]', early!.comments);
    io.info(`${created ? 'created' : 'updated'} the report's comment on pull request #${ctx.pull.number}`);
  } catch (err) {
    const e = err as { status?: number; response?: { headers?: Record<string, string> } };
    if (e.status !== 403) throw err;
    const accepted = e.response?.headers?.['x-accepted-github-permissions'];
    io.warning(`the token may not comment (HTTP 403${accepted ? `; GitHub accepts: ${accepted}` : ''}); the report is in the job summary. Add to the workflow or job:\n${COMMENT_PERMISSIONS}`);
  }
}
