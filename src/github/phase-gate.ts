/**
 * The phase-gate action's flow, the same core the CLI's `gate` calls (src/core): read the
 * policy (from the base branch on a pull request, so the pull request cannot loosen its own
 * gate), read or collect the evidence, add the pull request's facts, judge, then publish: the
 * job summary and outputs always, a check run with annotations where the token may write,
 * workflow-command annotations where it may not (a fork's or Dependabot's pull request), and
 * optionally one sticky comment. I/O goes through `ActionIO` and `GitHubClient`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exitCodeFor, runGate } from '../core/gate.js';
import { PhasegateError } from '../errors.js';
import type { EvidenceBundle, Facts } from '../evidence/types.js';
import { renderMarkdownWithin } from '../gate/render/markdown-fit.js';
import type { UnapprovedWaiver } from '../gate/engine.js';
import type { Verdict } from '../gate/types.js';
import { stableJson } from '../io/json.js';
import { PHASES, TIERS, type EffectivePolicy, type Phase, type Tier } from '../policy/types.js';
import { CHECK_RUN_SUMMARY_LIMIT, COMMENT_LIMIT, JOB_SUMMARY_LIMIT } from '../report/markdown/size.js';
import { addedLinesByFile, annotationsFor, type AnnotationPlan } from './annotations.js';
import { fetchBasePolicy } from './base-policy.js';
import { publishCheck } from './checks.js';
import type { CheckConclusion, GitHubClient, PullFile } from './client.js';
import { commentMarker, upsertComment } from './comment.js';
import { addedLines } from './diff.js';
import type { RunContext } from './event.js';
import { bool, choice, lines, REPORT_INPUT_NAMES, REPORT_INPUTS, required, text, wholeNumber, type InputSource } from './inputs.js';
import { keyMetrics } from './key-metrics.js';
import { latestReviews } from './reviews.js';
import { unapprovedWaivers } from './waiver-approvals.js';

/** The inputs of actions/phase-gate/action.yml, by name. */
export const INPUTS = {
  phase: 'phase',
  tier: 'tier',
  policy: 'policy',
  policyFrom: 'policy-from',
  ...REPORT_INPUTS,
  token: 'token',
  checkName: 'check-name',
  warnConclusion: 'warn-conclusion',
  failOnWarn: 'fail-on-warn',
  maxAnnotations: 'max-annotations',
  comment: 'comment',
  mode: 'mode',
  artifact: 'artifact',
  orgToken: 'org-token',
} as const;

/** The outputs of actions/phase-gate/action.yml, by name. */
export const OUTPUTS = { status: 'status', exitCode: 'exit-code', verdictFile: 'verdict-file', metrics: 'metrics', checkRunUrl: 'check-run-url' } as const;

export interface PhaseGateSettings {
  phase: Phase;
  /** `direct`: reports in this job's workspace; `workflow-run`: the evidence artifact of the run that triggered this workflow. */
  mode: 'direct' | 'workflow-run';
  artifact: string;
  policy: { tier: Tier } | { file: string; from: 'base' | 'workspace' };
  evidence?: string;
  collect: { junit: string[]; coverage: string[]; sarif: string[]; docs: string[]; perf: string[] };
  workingDirectory: string;
  token: string;
  checkName: string;
  warnConclusion: 'success' | 'neutral';
  failOnWarn: boolean;
  maxAnnotations: number;
  comment: boolean;
  /** A token that may read the organisation's team memberships (GITHUB_TOKEN may not). */
  orgToken?: string;
}

/** Reads the inputs once; every problem is one line naming the input. */
export function phaseGateSettings(read: InputSource): PhaseGateSettings {
  const phase = choice(read, INPUTS.phase, PHASES);
  const tier = text(read, INPUTS.tier);
  const file = text(read, INPUTS.policy);
  if (Boolean(tier) === Boolean(file)) throw new PhasegateError({ message: `inputs "${INPUTS.tier}" and "${INPUTS.policy}": give exactly one (a built-in tier, or the policy file's path in the repository)` });
  const policy = tier ? { tier: choice(read, INPUTS.tier, TIERS) } : { file, from: choice(read, INPUTS.policyFrom, ['base', 'workspace'] as const, 'base') };
  const collect = {
    junit: lines(read, INPUTS.junit),
    coverage: lines(read, INPUTS.coverage),
    sarif: lines(read, INPUTS.sarif),
    docs: lines(read, INPUTS.docs),
    perf: lines(read, INPUTS.perf),
  };
  const evidence = text(read, INPUTS.evidence) || undefined;
  const collecting = [collect.junit, collect.coverage, collect.sarif, collect.docs, collect.perf].some((l) => l.length > 0);
  const mode = choice(read, INPUTS.mode, ['direct', 'workflow-run'] as const, 'direct');
  if (mode === 'workflow-run' && (evidence || collecting)) throw new PhasegateError({ message: `input "${INPUTS.mode}": workflow-run reads the evidence from the "${INPUTS.artifact}" artifact of the triggering run; leave "${INPUTS.evidence}" and the report inputs empty` });
  if (evidence && collecting) throw new PhasegateError({ message: `input "${INPUTS.evidence}": give either an evidence bundle or report inputs (junit, coverage, sarif, docs, perf), not both` });
  if (mode === 'direct' && !evidence && !collecting) throw new PhasegateError({ message: `inputs: give "${INPUTS.evidence}" (a bundle from phasegate collect) or report inputs such as "${INPUTS.junit}" and "${INPUTS.coverage}"` });
  return {
    phase,
    mode,
    artifact: text(read, INPUTS.artifact, 'phasegate-evidence'),
    policy,
    ...(evidence ? { evidence } : {}),
    collect,
    workingDirectory: text(read, INPUTS.workingDirectory, '.'),
    token: required(read, INPUTS.token),
    checkName: text(read, INPUTS.checkName, `phasegate / ${phase}`),
    warnConclusion: choice(read, INPUTS.warnConclusion, ['success', 'neutral'] as const, 'success'),
    failOnWarn: bool(read, INPUTS.failOnWarn, false),
    maxAnnotations: wholeNumber(read, INPUTS.maxAnnotations, 1000, 0, 50_000),
    comment: bool(read, INPUTS.comment, false),
    ...(text(read, INPUTS.orgToken) ? { orgToken: text(read, INPUTS.orgToken) } : {}),
  };
}

/** What the action writes through @actions/core (or a test's stand-in). */
export interface ActionIO {
  output(name: string, value: string): void;
  /** Appends Markdown to the step's job summary. */
  summary(markdown: string): Promise<void>;
  /** A workflow-command annotation (shown on the run and, for a PR, on its diff). */
  annotate(level: 'error' | 'warning' | 'notice', message: string, at: { file: string; startLine: number; endLine: number; title: string }): void;
  info(message: string): void;
  warning(message: string): void;
}

/** Workflow-command annotations a step shows (GitHub shows 10 of each level per step; more are not useful). */
const COMMAND_ANNOTATIONS = 50;

/** The permissions block the action needs, for the message on a 403. */
export function permissionsBlock(comment: boolean): string {
  return ['permissions:', '  contents: read', '  checks: write', `  pull-requests: ${comment ? 'write' : 'read'}`].join('\n');
}

const CONCLUSION = (s: PhaseGateSettings, status: Verdict['status']): CheckConclusion => (status === 'pass' ? 'success' : status === 'warn' ? s.warnConclusion : 'failure');

interface GatePolicy {
  policy: EffectivePolicy;
  /** Waivers whose named approvers did not approve them (see waiver-approvals.ts). */
  unapproved: UnapprovedWaiver[];
  note?: string;
}

async function loadGatePolicy(s: PhaseGateSettings, ctx: RunContext, client: GitHubClient, files: PullFile[] | undefined): Promise<GatePolicy> {
  const { loadPolicy } = await import('../policy/index.js');
  if ('tier' in s.policy) return { policy: loadPolicy({ tier: s.policy.tier }), unapproved: [] };
  const { file, from } = s.policy;
  if (from === 'workspace' || !ctx.pull) {
    const policy = loadPolicy({ file }, { cwd: ctx.workspace });
    return { policy, unapproved: await unapprovedWaivers(client, ctx.repo, policy, ctx.sha) };
  }
  const base = await fetchBasePolicy(client, ctx.repo, file, ctx.pull.baseSha, ctx.runnerTemp);
  const policy = loadPolicy({ file: base.file }, { cwd: base.dir });
  const changed = (files ?? []).map((f) => f.path).filter((p) => base.files.includes(p));
  const note = changed.length ? `This pull request changes ${changed.map((c) => `\`${c}\``).join(', ')}: the gate used the base branch's version; the change takes effect after merge.` : undefined;
  return { policy, unapproved: await unapprovedWaivers(client, ctx.repo, policy, ctx.pull.baseSha), ...(note ? { note } : {}) };
}

async function gateEvidence(s: PhaseGateSettings, ctx: RunContext, client: GitHubClient): Promise<EvidenceBundle> {
  if (s.mode === 'workflow-run') {
    const { evidenceFromRun } = await import('./run-artifact.js');
    return evidenceFromRun(client, ctx.repo, ctx.sourceRunId!, s.artifact);
  }
  const cwd = path.resolve(ctx.workspace, s.workingDirectory);
  if (s.evidence) {
    const { readEvidenceFile } = await import('../evidence/index.js');
    return readEvidenceFile(path.resolve(cwd, s.evidence));
  }
  const { collectEvidence } = await import('../evidence/index.js');
  // As many items as may be annotated, so that every annotation has its test or finding.
  return collectEvidence({ ...s.collect, cwd, names: REPORT_INPUT_NAMES, maxItems: Math.max(1000, s.maxAnnotations) });
}

/**
 * The pull request's facts: author, labels and approvals (each reviewer's latest review;
 * dismissed and comment-only ones do not count), with the teams of the phase's approval rules
 * each approver belongs to. Team membership needs a token that may read the organisation's
 * members (`org-token`); without one, or when it may not, a warning says so and no approval
 * carries a team.
 */
async function pullFacts(ctx: RunContext, client: GitHubClient, policy: EffectivePolicy, phase: Phase, orgClient: GitHubClient | undefined, io: ActionIO, files: PullFile[]): Promise<Facts | undefined> {
  if (!ctx.pull) return undefined;
  const reviews = await client.pullReviews(ctx.repo, ctx.pull.number);
  const approvers = [...latestReviews(reviews)].filter(([, r]) => r.state === 'APPROVED');
  const rules = policy.rules.flatMap((r) => (r.phase === phase && r.kind === 'approval' ? [r] : []));
  const teams = [...new Set(rules.flatMap((r) => r.teams))];
  const users = approvers.map(([by]) => by);
  const member = await teamMembership(ctx, orgClient ?? client, Boolean(orgClient), teams, users, io);
  const owners = rules.some((r) => r.roles.includes(CODE_OWNER)) ? await codeOwners(ctx, client, orgClient, files, users, io) : new Set<string>();
  const approvals = approvers.map(([by, r]) => ({ by, roles: owners.has(by) ? [CODE_OWNER] : [], teams: teams.filter((t) => member.has(`${t}\n${by}`)), ...(r.at ? { at: r.at } : {}) }));
  return { author: ctx.pull.author, labels: ctx.pull.labels, approvals };
}

/** The role an approval rule names for a reviewer who owns a changed file under CODEOWNERS. */
const CODE_OWNER = 'code-owner';

/**
 * The approvers who own at least one changed file under the base branch's CODEOWNERS (as a
 * user, or through a team they are in). No CODEOWNERS file: nobody, with a warning.
 */
async function codeOwners(ctx: RunContext, client: GitHubClient, orgClient: GitHubClient | undefined, files: PullFile[], users: string[], io: ActionIO): Promise<Set<string>> {
  const { CODEOWNERS_PATHS, ownersOf, parseCodeowners } = await import('./codeowners.js');
  let text: string | null = null;
  for (const p of CODEOWNERS_PATHS) if ((text = await client.fileAt(ctx.repo, p, ctx.pull!.baseSha)) !== null) break;
  if (text === null) {
    io.warning(`no CODEOWNERS file on the base branch (${CODEOWNERS_PATHS.join(', ')}), so no approval counts as a ${CODE_OWNER}'s`);
    return new Set();
  }
  const rules = parseCodeowners(text);
  const owners = new Set(files.flatMap((f) => ownersOf(rules, f.path)));
  const found = new Set(users.filter((u) => [...owners].some((o) => o.toLowerCase() === u.toLowerCase())));
  const teams = [...owners].filter((o) => o.includes('/'));
  const member = await teamMembership(ctx, orgClient ?? client, Boolean(orgClient), teams, users.filter((u) => !found.has(u)), io);
  for (const key of member) found.add(key.split('\n')[1]!);
  return found;
}

/** `team\nuser` for each approver in each team (a team is `slug` or `org/slug`; bare slugs are the repository owner's). */
async function teamMembership(ctx: RunContext, client: GitHubClient, orgToken: boolean, teams: string[], users: string[], io: ActionIO): Promise<Set<string>> {
  const found = new Set<string>();
  for (const team of teams) {
    const [org, slug] = team.includes('/') ? (team.split('/', 2) as [string, string]) : [ctx.repo.owner, team];
    for (const user of users) {
      try {
        if (await client.isTeamMember(org, slug, user)) found.add(`${team}\n${user}`);
      } catch (err) {
        if ((err as { status?: number }).status !== 403 && (err as { status?: number }).status !== 401) throw err;
        io.warning(`team ${team}: the ${orgToken ? 'org-token' : 'token'} may not read its members, so no approval counts for it; give input "${INPUTS.orgToken}" a token with the organisation permission members: read (a GitHub App token or a PAT with read:org; GITHUB_TOKEN cannot)`);
        return found;
      }
    }
  }
  return found;
}

/** A pull request file as the evidence lists changes (GitHub's statuses mapped onto git's four). */
function changedFile(f: PullFile): { path: string; status: 'added' | 'modified' | 'deleted' | 'renamed' } {
  const status = f.status === 'added' || f.status === 'removed' ? (f.status === 'removed' ? 'deleted' : 'added') : f.status === 'renamed' ? 'renamed' : 'modified';
  return { path: f.path, status };
}


/** Runs the phase gate; returns the exit code (0 passed, 1 failed). A PhasegateError means it could not evaluate. */
export async function runPhaseGate(s: PhaseGateSettings, ctx: RunContext, client: GitHubClient, io: ActionIO, now: Date = new Date(), orgClient?: GitHubClient): Promise<number> {
  const files = ctx.pull ? await client.pullFiles(ctx.repo, ctx.pull.number) : undefined;
  let verdict: Verdict;
  let evidence: EvidenceBundle;
  let note: string | undefined;
  try {
    const loaded = await loadGatePolicy(s, ctx, client, files);
    note = loaded.note;
    evidence = await gateEvidence(s, ctx, client);
    const facts = await pullFacts(ctx, client, loaded.policy, s.phase, orgClient, io, files ?? []);
    if (facts) evidence = { ...evidence, facts: { ...evidence.facts, ...facts } };
    // The pull request's changed files, from the API, when the evidence has none (freeze rules).
    if (files && ctx.pull && !evidence.changes) evidence = { ...evidence, changes: { base: ctx.pull.baseSha, files: files.map(changedFile) } };
    verdict = runGate({ policy: loaded.policy, evidence, phase: s.phase, now, unapproved: loaded.unapproved });
  } catch (err) {
    if (err instanceof PhasegateError) await couldNotEvaluate(s, ctx, client, io, err);
    throw err;
  }
  const code = exitCodeFor(verdict.status, s.failOnWarn);
  const verdictFile = path.join(ctx.runnerTemp, `phasegate-${s.phase}.verdict.json`);
  mkdirSync(path.dirname(verdictFile), { recursive: true });
  writeFileSync(verdictFile, stableJson(verdict));
  io.output(OUTPUTS.status, verdict.status);
  io.output(OUTPUTS.exitCode, String(code));
  io.output(OUTPUTS.verdictFile, verdictFile);
  io.output(OUTPUTS.metrics, JSON.stringify(keyMetrics(evidence.metrics)));

  const added = files ? addedLinesByFile(files, addedLines) : undefined;
  const plan = annotationsFor(evidence, { workspace: ctx.workspace, workingDirectory: s.workingDirectory }, s.maxAnnotations, added);
  const more = 'The whole verdict is in the job summary and in the file of the `verdict-file` output.';
  const counted = annotationNote(plan);
  const withNote = (md: string): string => [note && `> ${note}`, md, counted].filter(Boolean).join('\n');
  await io.summary(withNote(renderMarkdownWithin(verdict, { limit: JOB_SUMMARY_LIMIT - 4096 })));
  io.info(`${s.phase} gate ${verdict.status}: ${verdict.summary.fail} failed, ${verdict.summary.warn} warned, ${verdict.summary.error} could not be evaluated, of ${verdict.rules.length} rules`);

  const published = ctx.readOnlyToken ? false : await publish(s, ctx, client, io, verdict, plan, withNote(renderMarkdownWithin(verdict, { limit: CHECK_RUN_SUMMARY_LIMIT - 2048, more })));
  if (!published) commandAnnotations(io, plan);
  if (ctx.readOnlyToken) io.warning(`this pull request's token is read-only (a fork or Dependabot): the ${s.phase} gate is in the job summary and the annotations; to publish a check run on it, run the gate from a workflow_run workflow (docs/github.md, "Fork pull requests and Dependabot")`);
  if (s.comment && ctx.pull && !ctx.readOnlyToken) {
    const marker = commentMarker(ctx.workflow, s.phase);
    const body = withNote(renderMarkdownWithin(verdict, { limit: COMMENT_LIMIT - 2048, more, marker }));
    await guarded(io, s, () => upsertComment(client, ctx.repo, ctx.pull!.number, body, marker, 'github-actions[bot]'));
  }
  return code;
}

function annotationNote(plan: AnnotationPlan): string | undefined {
  const parts = [
    plan.overCap && `${plan.overCap} more beyond the cap of the \`${INPUTS.maxAnnotations}\` input`,
    plan.offChange && `${plan.offChange} findings not on lines this change adds`,
    plan.unplaceable && `${plan.unplaceable} items without a file in the repository`,
  ].filter(Boolean);
  return parts.length ? `\n_Annotations: ${plan.annotations.length} shown; not annotated: ${parts.join('; ')}._` : undefined;
}

/** The check run; false when the token may not write checks (the caller falls back to annotations). */
async function publish(s: PhaseGateSettings, ctx: RunContext, client: GitHubClient, io: ActionIO, v: Verdict, plan: AnnotationPlan, summary: string): Promise<boolean> {
  const title = `${v.phase} gate ${v.status === 'pass' ? 'passed' : v.status === 'warn' ? 'passed with warnings' : 'failed'}: ${v.summary.fail} failed, ${v.summary.warn} warned of ${v.rules.length} rules`;
  const run = await guarded(io, s, () =>
    publishCheck(client, {
      repo: ctx.repo, headSha: ctx.sha, name: s.checkName, gate: `phasegate:${v.phase}`, detailsUrl: ctx.runUrl, conclusion: CONCLUSION(s, v.status), title, summary, annotations: plan.annotations,
      // The same rules with the same results are the same check run, whenever it was judged.
      sameAs: [v.policy, v.rules.map((r) => [r.id, r.status, r.actual, r.evidenceCount, r.waiver?.expires ?? null])],
    }),
  );
  if (!run) return false;
  io.output(OUTPUTS.checkRunUrl, run.url ?? '');
  io.info(`${run.created ? 'created' : 'updated'} check run "${s.checkName}"${run.url ? `: ${run.url}` : ''}`);
  return true;
}

/** Runs a write; on a 403 (a read-only token) says which permissions to add and answers undefined. */
async function guarded<T>(io: ActionIO, s: PhaseGateSettings, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (err) {
    const e = err as { status?: number; response?: { headers?: Record<string, string> } };
    if (e.status !== 403) throw err;
    const accepted = e.response?.headers?.['x-accepted-github-permissions'];
    io.warning(`the token may not publish (HTTP 403${accepted ? `; GitHub accepts: ${accepted}` : ''}); the gate's result is in the job summary and the annotations. Add to the workflow or job:\n${permissionsBlock(s.comment)}`);
    return undefined;
  }
}

function commandAnnotations(io: ActionIO, plan: AnnotationPlan): void {
  const level = { failure: 'error', warning: 'warning', notice: 'notice' } as const;
  for (const a of plan.annotations.slice(0, COMMAND_ANNOTATIONS)) {
    io.annotate(level[a.annotation_level], a.message, { file: a.path, startLine: a.start_line, endLine: a.end_line, title: a.title ?? '' });
  }
}

/** The gate could not be evaluated: a failed check run that says what to fix, where the token may write. */
async function couldNotEvaluate(s: PhaseGateSettings, ctx: RunContext, client: GitHubClient, io: ActionIO, err: PhasegateError): Promise<void> {
  const first = err.message.split('\n')[0]!;
  await io.summary(`### ❗ ${s.phase} gate could not be evaluated\n\n\`\`\`text\n${err.message.slice(0, 60_000)}\n\`\`\`\n`);
  io.output(OUTPUTS.status, 'error');
  io.output(OUTPUTS.exitCode, '2');
  if (ctx.readOnlyToken) return;
  await guarded(io, s, () =>
    publishCheck(client, { repo: ctx.repo, headSha: ctx.sha, name: s.checkName, gate: `phasegate:${s.phase}`, detailsUrl: ctx.runUrl, conclusion: 'failure', title: `${s.phase} gate could not be evaluated`.slice(0, 255), summary: `The gate could not be evaluated; fix this and run it again:\n\n\`\`\`text\n${err.message.slice(0, 60_000)}\n\`\`\`\n`, annotations: [] }),
  ).catch((e: unknown) => io.warning(`could not publish the check run either: ${(e as Error).message.split('\n')[0]}`));
  io.info(first);
}
