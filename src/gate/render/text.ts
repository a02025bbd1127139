/**
 * The terminal view of a verdict: a headline, one line per rule (status word, id,
 * `actual operator threshold`, message), how to fix and where each rule that did not pass was
 * set (an `N/A` rule passes: its line gives the reason and nothing more), then waiver notices. Colour only adds emphasis: every status is also written as a word.
 */
import type { GateStatus, RuleResult, RuleStatus, Verdict, WaiverNotice } from '../types.js';
import type { RenderOptions } from './index.js';
import { STATUS_WORD, comparison, countsText, evidenceEntries, oneLine, policyText, sourceText, waiverText } from './shared.js';

const ANSI = { red: '31', green: '32', yellow: '33', cyan: '36', bold: '1', dim: '2' } as const;
type Style = keyof typeof ANSI;

const STATUS_STYLE: Record<RuleStatus, Style> = { pass: 'green', warn: 'yellow', fail: 'red', waived: 'cyan', error: 'red', 'n/a': 'dim' };
const GATE: Record<GateStatus, { icon: string; word: string; style: Style }> = {
  pass: { icon: '✔', word: 'PASSED', style: 'green' },
  warn: { icon: '⚠', word: 'PASSED WITH WARNINGS', style: 'yellow' },
  fail: { icon: '✖', word: 'FAILED', style: 'red' },
};
const INDENT = ' '.repeat(10);

/** Wraps text in ANSI codes when colour is on; text is padded before painting so columns line up. */
function painter(color: boolean): (style: Style | readonly Style[], text: string) => string {
  return (style, text) => {
    if (!color || text === '') return text;
    const codes = (typeof style === 'string' ? [style] : style).map((s) => ANSI[s]).join(';');
    return `\u001b[${codes}m${text}\u001b[0m`;
  };
}

function ruleLines(r: RuleResult, idWidth: number, paint: ReturnType<typeof painter>): string[] {
  const word = paint(STATUS_STYLE[r.status], STATUS_WORD[r.status].padEnd(6));
  const lines = [`  ${word}  ${oneLine(r.id).padEnd(idWidth)}  ${oneLine(comparison(r))}  ${oneLine(r.message)}`.trimEnd()];
  // n/a passes: its message already gives the reason, and there is nothing to fix.
  if (r.status === 'pass' || r.status === 'n/a') return lines;
  for (const e of evidenceEntries(r)) {
    lines.push(`${INDENT}- ${oneLine(e.head)}`);
    for (const m of e.more) lines.push(`${INDENT}    ${paint('dim', oneLine(m))}`);
  }
  const rest = r.evidenceCount - r.evidence.length;
  if (rest > 0) lines.push(`${INDENT}- … and ${rest} more`);
  if (r.hint) lines.push(`${INDENT}${paint('dim', `hint: ${oneLine(r.hint)}`)}`);
  if (r.waiver) lines.push(`${INDENT}${paint('dim', `waiver: ${oneLine(waiverText(r))}`)}`);
  lines.push(`${INDENT}${paint('dim', `at ${oneLine(sourceText(r.source))}`)}`);
  return lines;
}

function noticeLine(n: WaiverNotice, paint: ReturnType<typeof painter>): string {
  const word = paint(n.level === 'warn' ? 'yellow' : 'cyan', (n.level === 'warn' ? 'WARN' : 'INFO').padEnd(6));
  return `  ${word}  ${oneLine(n.message)} (${oneLine(n.source)})`;
}

/**
 * Renders a verdict for a terminal. ANSI colour is used only when `color` is true (the CLI
 * decides: a TTY and no NO_COLOR); text from policies and evidence has its control
 * characters removed so it cannot move the cursor or recolour the terminal.
 */
export function renderText(v: Verdict, opts: RenderOptions): string {
  const paint = painter(opts.color);
  const gate = GATE[v.status];
  const headline = `${gate.icon} ${v.phase} gate ${gate.word} (${oneLine(policyText(v))}) — ${countsText(v.summary)}`;
  const idWidth = Math.min(40, Math.max(0, ...v.rules.map((r) => oneLine(r.id).length)));
  const lines = [paint([gate.style, 'bold'], headline), ''];
  for (const r of v.rules) lines.push(...ruleLines(r, idWidth, paint));
  if (v.rules.length === 0) lines.push(`  no rules apply to the ${v.phase} phase`);
  if (v.notices.length > 0) {
    lines.push('', 'Waiver notices:');
    for (const n of v.notices) lines.push(noticeLine(n, paint));
  }
  return `${lines.join('\n')}\n`;
}
