/**
 * The verdict as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers. Each
 * rule that did not pass is a result located at the policy text that set it, so the alert
 * points at the gate in the policy file. Waived rules are results with an external, accepted
 * suppression (the SARIF way to say "known and accepted", which viewers show as dismissed).
 */
import { metricInfo } from '../../catalog/metrics.js';
import { packageVersion } from '../../cli/package-info.js';
import { stableJson } from '../../io/json.js';
import { passes, type RuleResult, type Verdict } from '../types.js';
import type { RenderOptions } from './index.js';
import { blocksGate, ruleDescription } from './shared.js';

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning';

/** A policy path as a SARIF artifact URI: relative paths stay relative (to the repository root). */
export function artifactUri(file: string): string {
  const p = file.replace(/\\/g, '/');
  const encode = (s: string): string => s.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${p.slice(0, 2)}${encode(p.slice(2))}`;
  if (p.startsWith('/')) return `file://${encode(p)}`;
  return encode(p.replace(/^(\.\/)+/, ''));
}

function location(file: string, line: number, col: number): object {
  return { physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: { startLine: Math.max(1, line), startColumn: Math.max(1, col) } } };
}

/** The location of a waiver from its `file:line:col` text, when it has that form. */
function waiverLocation(source: string): object | undefined {
  const m = /^(.+):(\d+):(\d+)$/.exec(source);
  return m ? location(m[1]!, Number(m[2]), Number(m[3])) : undefined;
}

const severityLevel = (r: RuleResult): Level => (r.severity === 'fail' ? 'error' : 'warning');

function descriptor(r: RuleResult, hint: string | null): object {
  const full = r.metric ? metricInfo(r.metric)?.description : undefined;
  return {
    id: r.id,
    shortDescription: { text: ruleDescription(r) },
    ...(full ? { fullDescription: { text: full } } : {}),
    ...(hint ? { help: { text: hint } } : {}),
    defaultConfiguration: { level: severityLevel(r) },
    properties: { tags: ['phasegate', r.kind], kind: r.kind, metric: r.metric },
  };
}

function suppression(r: RuleResult): object[] {
  const w = r.waiver;
  if (!w) return [];
  const where = waiverLocation(w.source);
  return [
    {
      kind: 'external',
      status: 'accepted',
      justification: `${w.reason} (owner ${w.owner}, expires ${w.expires})`,
      ...(where ? { location: where } : {}),
      properties: { owner: w.owner, approvers: w.approvers, expires: w.expires, ...(w.finding ? { finding: w.finding } : {}) },
    },
  ];
}

function result(v: Verdict, r: RuleResult, ruleIndex: number): object {
  const s = r.source;
  // A waived rule keeps the level it would have had; the suppression says it is accepted.
  const level: Level = r.status === 'waived' ? severityLevel(r) : blocksGate(r) ? 'error' : 'warning';
  const suppressions = suppression(r);
  return {
    ruleId: r.id,
    ruleIndex,
    level,
    message: { text: r.message },
    locations: [location(s.file, s.line, s.col)],
    partialFingerprints: { 'phasegateRule/v1': `${v.phase}/${r.id}` },
    ...(suppressions.length ? { suppressions } : {}),
    properties: { status: r.status, severity: r.severity, metric: r.metric, actual: r.actual, operator: r.operator, threshold: r.threshold, layer: s.layer, hint: r.hint },
  };
}

/**
 * Renders a verdict as a SARIF 2.1.0 log with one run: a reportingDescriptor per rule of the
 * phase and a result per rule that failed, errored, warned or was waived (passes and `n/a`
 * rules are left out, as SARIF producers leave out what they found nothing wrong with). `opts.toolVersion` sets tool.driver.version; without it the
 * installed package's version is used, so the output is the same for the same install.
 */
export function renderSarif(v: Verdict, opts: RenderOptions): string {
  const index = new Map<string, number>();
  const rules: object[] = [];
  for (const r of v.rules) {
    if (index.has(r.id)) continue;
    index.set(r.id, rules.length);
    rules.push(descriptor(r, v.rules.find((x) => x.id === r.id && x.hint)?.hint ?? null));
  }
  const results = v.rules.filter((r) => !passes(r.status)).map((r) => result(v, r, index.get(r.id)!));
  // No informationUri: the project has no public home yet, and SARIF does not require one.
  const driver = { name: 'phasegate', version: opts.toolVersion ?? packageVersion(), rules };
  const run = {
    tool: { driver },
    automationDetails: { id: `phasegate/${v.phase}/` },
    columnKind: 'utf16CodeUnits',
    results,
    properties: { phase: v.phase, tier: v.tier, policy: v.policy, status: v.status, now: v.now, summary: v.summary },
  };
  return stableJson({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] });
}
