/**
 * Wording every verdict renderer shares, so that the terminal, JUnit, SARIF and Markdown
 * views say the same thing in the same words: status words, counts, values and locations.
 */
import type { SourceRef } from '../../policy/types.js';
import { overallStatus } from '../engine.js';
import { formatValue } from '../rules/metric.js';
import type { GateStatus, RuleResult, RuleStatus, Verdict } from '../types.js';

/** Upper-case status words: a status is always spelled out, never shown by colour alone. */
export const STATUS_WORD: Readonly<Record<RuleStatus, string>> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  waived: 'WAIVED',
  error: 'ERROR',
  'n/a': 'N/A',
};

/** How a gate status reads in a headline. */
export const GATE_WORD: Readonly<Record<GateStatus, string>> = {
  pass: 'passed',
  warn: 'passed with warnings',
  fail: 'failed',
};

/** Order in which renderers that group rules list them: what blocks the gate first. */
export const STATUS_ORDER: readonly RuleStatus[] = ['fail', 'error', 'warn', 'waived', 'n/a', 'pass'];

/**
 * True when this rule alone fails the gate: a failure, or an error on a fail-severity rule.
 * Asks the engine, so the renderers can never disagree with the gate's decision.
 */
export function blocksGate(r: RuleResult): boolean {
  return overallStatus([r]) === 'fail';
}

/**
 * Folds line breaks and tabs to spaces and removes the other control characters (terminal
 * escape sequences lose their ESC and so their effect), bidirectional overrides and the
 * noncharacters U+FFFE and U+FFFF.
 */
export function oneLine(text: string): string {
  return text
    .replace(/\r\n?|[\n\t\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g, '') // eslint-disable-line no-control-regex
    .trim();
}

/** A value as people read it: numbers with the metric's unit, strings as they are, null as `—`. */
export function showValue(r: RuleResult, value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return r.metric ? formatValue(r.metric, value) : String(value);
}

/** What the rule requires, e.g. `>= 80 %` or `signed by product-manager`; `—` when nothing. */
export function requirement(r: RuleResult): string {
  if (r.threshold === null) return r.operator ?? '—';
  return r.operator ? `${r.operator} ${showValue(r, r.threshold)}` : showValue(r, r.threshold);
}

/** `actual operator threshold`, e.g. `71.2 % >= 80 %`; just the actual value when there is no operator. */
export function comparison(r: RuleResult): string {
  if (r.operator === null) return r.threshold === null ? showValue(r, r.actual) : `${showValue(r, r.actual)} (required: ${requirement(r)})`;
  return `${showValue(r, r.actual)} ${requirement(r)}`;
}

/** What the rule checks, without any measured value: `coverage.line >= 80 %`, `document: signed by qa`. */
export function ruleDescription(r: RuleResult): string {
  const subject = r.metric ?? r.kind;
  if (r.operator !== null) return `${subject} ${requirement(r)}`;
  return r.threshold === null ? `${r.kind} rule ${r.id}` : `${subject}: ${requirement(r)}`;
}

/** `file:line:col (layer)`: where the policy set the rule. */
export function sourceText(s: SourceRef): string {
  return `${s.file}:${s.line}:${s.col} (${s.layer})`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** `2 failed, 1 error, 1 warning, 5 passed, 1 waived, 1 n/a`; zero counts left out, `no rules` when empty. */
export function countsText(summary: Verdict['summary']): string {
  const na = summary['n/a'] ?? 0;
  const parts = [
    [summary.fail, `${summary.fail} failed`],
    [summary.error, plural(summary.error, 'error', 'errors')],
    [summary.warn, plural(summary.warn, 'warning', 'warnings')],
    [summary.pass, `${summary.pass} passed`],
    [summary.waived, `${summary.waived} waived`],
    [na, `${na} n/a`],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([, text]) => text);
  return shown.length ? shown.join(', ') : 'no rules';
}

/** `tier strategic, policy acme-payments` (the tier left out when the policy extends none). */
export function policyText(v: Verdict): string {
  return v.tier ? `tier ${v.tier}, policy ${v.policy}` : `policy ${v.policy}`;
}

/** Rules grouped by STATUS_ORDER, keeping policy order within a status. */
export function byStatus(rules: readonly RuleResult[]): RuleResult[] {
  return STATUS_ORDER.flatMap((s) => rules.filter((r) => r.status === s));
}

/** `owner chen.jie, expires 2026-12-31, approved by wang.fang (phasegate.yaml:90:7)`. */
export function waiverText(r: RuleResult): string {
  const w = r.waiver;
  if (!w) return '';
  const by = w.approvers.length ? `, approved by ${w.approvers.join(', ')}` : '';
  const finding = w.finding ? `finding ${w.finding}, ` : '';
  return `${finding}owner ${w.owner}, expires ${w.expires}${by} (${w.source})`;
}

/** An evidence item as people read it: where and what on one line, then the message's next lines. */
export interface EvidenceEntry {
  /** `src/fees.test.ts:42 FeeTest rounds — expected 67.11 to be 67.12` (the message's first line). */
  head: string;
  /** The message's next non-empty lines, at most PREVIEW_LINES, each cut at PREVIEW_WIDTH; the JSON verdict keeps it whole. */
  more: string[];
}

const PREVIEW_LINES = 8;
const PREVIEW_WIDTH = 200;

const cut = (line: string): string => (line.length > PREVIEW_WIDTH ? `${line.slice(0, PREVIEW_WIDTH)}…` : line);

/** Each evidence item of a rule, with a preview of its (possibly multi-line) message. */
export function evidenceEntries(r: RuleResult): EvidenceEntry[] {
  return r.evidence.map((e) => {
    const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''} ` : '';
    const lines = (e.message ?? '').split(/\r\n?|\n/).map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    const more = lines.slice(1, 1 + PREVIEW_LINES).map(cut);
    if (lines.length > 1 + PREVIEW_LINES) more.push(`… ${lines.length - 1 - PREVIEW_LINES} more lines in the JSON verdict`);
    return { head: `${where}${e.title}${lines[0] ? ` — ${cut(lines[0].trim())}` : ''}`, more };
  });
}

/** One line per evidence item (the message's first line), plus a count of the rest. */
export function evidenceLines(r: RuleResult): string[] {
  const lines = evidenceEntries(r).map((e) => e.head);
  const rest = r.evidenceCount - r.evidence.length;
  if (rest > 0) lines.push(`… and ${rest} more`);
  return lines;
}
