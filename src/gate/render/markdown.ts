/**
 * The verdict in GitHub-flavoured Markdown, for a PR comment or a job summary: a one-line
 * headline, a table of the rules that did not pass (what blocks the gate first) with how to
 * fix each, then collapsed sections for passed rules, waivers and waiver notices. All text
 * that comes from policies or evidence is escaped, so a rule message cannot inject markup.
 */
import { passes, type GateStatus, type RuleResult, type RuleStatus, type Verdict } from '../types.js';
import type { RenderOptions } from './index.js';
import { byStatus, evidenceEntries, GATE_WORD, oneLine, requirement, showValue, sourceText, STATUS_WORD } from './shared.js';

const STATUS_EMOJI: Record<RuleStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', waived: '🔕', error: '❗', 'n/a': '➖' };
const GATE_EMOJI: Record<GateStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌' };

/**
 * Escapes text for inline Markdown, table cells included: line breaks are folded (a table row
 * is one line), HTML is neutralised as entities, and what opens inline markup in GitHub's
 * Markdown is backslash-escaped: backslashes, backticks, emphasis (* _ ~), links and images
 * ([ ]), math ($) and the cell separator | (GFM honours an escaped pipe inside cells). Block
 * markup (# - >) acts only at the start of a line, where escaped text is never put.
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_~[\]$|]/g, '\\$&')
    // A zero-width joiner after @ keeps `@org/team` from notifying anyone in a PR comment,
    // and `#123` is left alone (it only links).
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200d');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 of 9 rules failed, 1 could not be evaluated`, `8 of 9 rules passed, 1 n/a`, or `all 9 rules passed`. */
function headlineDetail(v: Verdict): string {
  const s = v.summary;
  const total = v.rules.length;
  if (total === 0) return 'no rules apply to this phase';
  const bad = [
    [s.fail, 'failed'],
    [s.error, 'could not be evaluated'],
    [s.warn, 'warned'],
  ] as const;
  const shown = bad.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  if (shown.length === 0) {
    const others = [s.waived && `${s.waived} waived`, s['n/a'] && `${s['n/a']} n/a`].filter(Boolean);
    return others.length ? `${s.pass} of ${plural(total, 'rule')} passed, ${others.join(', ')}` : `all ${plural(total, 'rule')} passed`;
  }
  const first = shown[0]!.replace(/^(\d+) /, `$1 of ${plural(total, 'rule')} `);
  return [first, ...shown.slice(1)].join(', ');
}

const cell = (r: RuleResult): string =>
  `| ${STATUS_EMOJI[r.status]} ${STATUS_WORD[r.status]} | ${mdText(r.id)} | ${mdText(showValue(r, r.actual))} | ${mdText(requirement(r))} | ${mdText(r.message)} |`;

function table(rules: readonly RuleResult[]): string[] {
  return ['| Status | Rule | Actual | Threshold | Message |', '| --- | --- | --- | --- | --- |', ...rules.map(cell)];
}

function details(summary: string, body: string[]): string[] {
  return ['', '<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

/** Each evidence item (the first `max`) as a list entry, the message's next lines in a code block under it. */
function evidenceMarkdown(r: RuleResult, max: number): string[] {
  const shown = { ...r, evidence: r.evidence.slice(0, max) };
  const out = evidenceEntries(shown).flatMap((e) => {
    if (e.more.length === 0) return [`  - ${mdText(e.head)}`];
    // A fence longer than any backtick run in the text, so the message cannot close it.
    const longest = Math.max(2, ...e.more.map((m) => Math.max(0, ...(m.match(/`+/g) ?? []).map((run) => run.length))));
    const fence = '`'.repeat(longest + 1);
    return [`  - ${mdText(e.head)}`, `    ${fence}text`, ...e.more.map((m) => `    ${oneLine(m)}`), `    ${fence}`];
  });
  const rest = r.evidenceCount - shown.evidence.length;
  if (rest > 0) out.push(`  - … and ${rest} more`);
  return out;
}

function fixes(rules: readonly RuleResult[], evidencePerRule: number): string[] {
  const withHint = rules.filter((r) => r.hint && r.status !== 'waived');
  if (withHint.length === 0) return [];
  const items = withHint.flatMap((r) => [
    `- **${mdText(r.id)}**: ${mdText(r.hint ?? '')} — set at ${mdText(sourceText(r.source))}`,
    ...evidenceMarkdown(r, evidencePerRule),
  ]);
  return ['', '**How to fix**', '', ...items];
}

function waivers(rules: readonly RuleResult[]): string[] {
  const rows = rules.flatMap((r) => {
    const w = r.waiver;
    if (!w) return [];
    const what = w.finding ? `${r.id} (finding ${w.finding})` : r.id;
    const approvers = w.approvers.length ? w.approvers.join(', ') : '—';
    return [`| ${mdText(what)} | ${mdText(w.owner)} | ${mdText(w.expires)} | ${mdText(approvers)} | ${mdText(w.reason)} | ${mdText(w.source)} |`];
  });
  if (rows.length === 0) return [];
  const head = ['| Rule | Owner | Expires | Approvers | Reason | Waiver |', '| --- | --- | --- | --- | --- | --- |'];
  return details(`Waivers (${rows.length})`, [...head, ...rows]);
}

/**
 * How much a rendering holds, from everything (the default) down to the headline: the first
 * `openRows` rules that did not pass, `evidencePerRule` evidence items under each fix, and
 * whether the fixes, the passed rules, the waivers and the notices are shown.
 */
export interface MarkdownDetail {
  openRows: number;
  evidencePerRule: number;
  fixes: boolean;
  passed: boolean;
  extras: boolean;
}

const FULL: MarkdownDetail = { openRows: Infinity, evidencePerRule: Infinity, fixes: true, passed: true, extras: true };

/**
 * Renders a verdict as Markdown. The first line is the headline, e.g.
 * `### ❌ testing gate failed — 2 of 9 rules failed`; statuses are an emoji and a word.
 */
export function renderMarkdown(v: Verdict, _opts: RenderOptions, detail: MarkdownDetail = FULL): string {
  return `${markdownLines(v, detail).join('\n')}\n`;
}

function markdownLines(v: Verdict, d: MarkdownDetail): string[] {
  // n/a rules pass: they are folded with the passed rules, their message giving the reason.
  const open = byStatus(v.rules.filter((r) => !passes(r.status)));
  const passed = byStatus(v.rules.filter((r) => passes(r.status)));
  const where = v.tier ? `tier ${mdText(v.tier)}, policy ${mdText(v.policy)}` : `policy ${mdText(v.policy)}`;
  const lines = [`### ${GATE_EMOJI[v.status]} ${v.phase} gate ${GATE_WORD[v.status]} — ${headlineDetail(v)}`, '', `${where}, evaluated at ${mdText(v.now)}`];
  if (open.length > 0 && d.openRows > 0) {
    const rows = open.slice(0, d.openRows);
    lines.push('', ...table(rows));
    if (rows.length < open.length) lines.push('', `… and ${plural(open.length - rows.length, 'more rule')} that did not pass`);
    if (d.fixes) lines.push(...fixes(rows, d.evidencePerRule));
  }
  if (passed.length > 0 && d.passed) lines.push(...details(`Passed rules (${passed.length})`, table(passed)));
  if (!d.extras) return lines;
  lines.push(...waivers(v.rules));
  if (v.notices.length > 0) {
    const items = v.notices.map((n) => `- ${n.level === 'warn' ? '⚠️ WARN' : 'ℹ️ INFO'} ${n.state}: ${mdText(n.message)} (${mdText(n.source)})`);
    lines.push(...details(`Waiver notices (${v.notices.length})`, items));
  }
  return lines;
}
