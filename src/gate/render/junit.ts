/**
 * The verdict as a JUnit XML report, for CI systems that show test results (Jenkins' junit
 * step, GitLab, Azure). Every rule is a test case of the suite `phasegate.<phase>`. Only the
 * rules that fail the gate are failures, so the CI marks the build exactly as the gate does:
 * warnings, waived rules and errors on warn-severity rules pass, explained in <system-out>.
 * An `n/a` rule (nothing to judge) is `<skipped>` with the reason as its message: it was not
 * judged, and a skipped test never fails or destabilises a build (Jenkins, GitLab, Azure).
 */
import type { RuleResult, Verdict } from '../types.js';
import type { RenderOptions } from './index.js';
import { blocksGate, comparison, evidenceLines, showValue, sourceText, STATUS_WORD, waiverText } from './shared.js';

// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF),
// plus DEL and the C1 controls, which are allowed but have no business in a report.
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Escapes text content for XML, dropping characters XML 1.0 cannot carry. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value; line breaks and tabs become references so parsers keep them. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const attrs = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs)
    .map(([k, val]) => ` ${k}="${xmlAttr(String(val))}"`)
    .join('');

function details(r: RuleResult): string[] {
  const lines = [`actual: ${showValue(r, r.actual)}`, `operator: ${r.operator ?? '—'}`, `threshold: ${r.threshold === null ? '—' : showValue(r, r.threshold)}`];
  if (r.hint) lines.push(`hint: ${r.hint}`);
  for (const e of evidenceLines(r)) lines.push(`evidence: ${e}`);
  if (r.waiver) lines.push(`waiver: ${waiverText(r)}`, `waiver reason: ${r.waiver.reason}`);
  lines.push(`source: ${sourceText(r.source)}`);
  return lines;
}

function testcase(r: RuleResult, classname: string): string[] {
  const open = `    <testcase${attrs({ classname, name: r.id, time: 0 })}`;
  if (r.status === 'pass') return [`${open}/>`];
  if (r.status === 'n/a') return [`${open}>`, `      <skipped${attrs({ message: `${STATUS_WORD['n/a']}: ${r.message}` })}/>`, '    </testcase>'];
  if (blocksGate(r)) {
    const body = xmlText(details(r).join('\n'));
    return [`${open}>`, `      <failure${attrs({ message: r.message, type: r.status })}>${body}</failure>`, '    </testcase>'];
  }
  // Warnings, waivers and non-blocking errors pass, so a junit step does not fail the build on them.
  const note = r.status === 'error' ? ' (does not fail the gate: severity warn)' : '';
  const head = `${STATUS_WORD[r.status]}${note} ${comparison(r)}: ${r.message}`;
  const out = xmlText([head, ...details(r)].join('\n'));
  return [`${open}>`, `      <system-out>${out}</system-out>`, '    </testcase>'];
}

/**
 * Renders a verdict as a JUnit XML document: `<testsuites>` holding one
 * `<testsuite name="phasegate.<phase>">` with a `<testcase>` per rule, the verdict's facts
 * as `<properties>` and the waiver notices as the suite's `<system-out>`.
 */
export function renderJunit(v: Verdict, _opts: RenderOptions): string {
  const name = `phasegate.${v.phase}`;
  const failures = v.rules.filter(blocksGate).length;
  const skipped = v.rules.filter((r) => r.status === 'n/a').length;
  const counts = { tests: v.rules.length, failures, errors: 0, skipped, time: 0 };
  const props = { phase: v.phase, tier: v.tier ?? '', policy: v.policy, status: v.status, now: v.now };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'phasegate', ...counts })}>`,
    `  <testsuite${attrs({ name, ...counts })}>`,
    '    <properties>',
    ...Object.entries(props).map(([k, val]) => `      <property${attrs({ name: k, value: val })}/>`),
    '    </properties>',
    ...v.rules.flatMap((r) => testcase(r, name)),
  ];
  if (v.notices.length > 0) {
    const text = v.notices.map((n) => `${n.level.toUpperCase()} ${n.message} (${n.source})`).join('\n');
    lines.push(`    <system-out>${xmlText(text)}</system-out>`);
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
