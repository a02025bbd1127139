/**
 * What a SARIF result is. A **security finding** has a `security-severity` property (on the
 * result or its rule), a `security` tag (result or rule `properties.tags`, any case), or
 * comes from a tool whose every result is a security claim (SECURITY_SCANNERS); its
 * severity is the CVSS band of `security-severity`, else the level. Every other result is a
 * **static-analysis** result (lint, code quality), counted by level. docs/evidence.md
 * states the rule and the scanner list; keep them in step.
 */

export type Level = 'none' | 'note' | 'warning' | 'error';
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type AnalysisLevel = 'error' | 'warning' | 'note';

/** A result's class, or the problem that stops it being read. */
export type Classification =
  | { kind: 'security'; severity: Severity; warning?: string }
  | { kind: 'analysis'; level: AnalysisLevel }
  | { kind: 'ignored' }
  | { kind: 'invalid'; problem: string; on: 'result' | 'rule' };

/**
 * Tools whose SARIF results are all security findings, matched on `tool.driver.name`. Tools
 * that mix security with code-quality results are not here: CodeQL and Semgrep mark their
 * security rules with the `security` tag (CodeQL also with `security-severity`), SpotBugs
 * tags FindSecBugs patterns with their category `SECURITY`; ESLint (eslint-plugin-security
 * included) marks nothing, so its results are static analysis.
 */
export const SECURITY_SCANNERS: readonly { tool: string; driver: RegExp }[] = [
  { tool: 'Trivy', driver: /^trivy$/i },
  { tool: 'Grype', driver: /^grype$/i },
  { tool: 'Snyk (Open Source, Container, IaC, Code)', driver: /^snyk/i },
  { tool: 'Checkmarx', driver: /^checkmarx/i },
  { tool: 'KICS', driver: /^kics$/i },
  { tool: 'gosec', driver: /^gosec$/i },
  { tool: 'Bandit', driver: /^bandit$/i },
  { tool: 'njsscan', driver: /^njsscan$/i },
  { tool: 'Brakeman', driver: /^brakeman$/i },
  { tool: 'tfsec', driver: /^tfsec$/i },
  { tool: 'Checkov', driver: /^checkov$/i },
  { tool: 'Gitleaks', driver: /^gitleaks$/i },
  { tool: 'OSV-Scanner', driver: /^osv-scanner$/i },
  { tool: 'OWASP Dependency-Check', driver: /^dependency-check$/i },
  { tool: 'Flawfinder', driver: /^flawfinder$/i },
];

/** Whether `driverName` is one of SECURITY_SCANNERS. */
export function isSecurityScanner(driverName: string): boolean {
  const name = driverName.trim();
  return SECURITY_SCANNERS.some((s) => s.driver.test(name));
}

/** CVSS score → severity band. */
export function severityOfScore(score: number): Severity {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

const LEVEL_SEVERITY: Record<Level, Severity | undefined> = { error: 'high', warning: 'medium', note: 'low', none: undefined };
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BANDS = new Set<string>(['critical', 'high', 'medium', 'low']);

/** How a `security-severity` value reads: a band, a band with a caveat, the level's band, or a problem. */
export type SeverityReading = { severity: Severity; warning?: string } | { fromLevel: true; warning: string } | { problem: string };

/**
 * Reads a `security-severity` value. A CVSS score 0.0–10.0 (a string, as SARIF producers
 * write it, or a number) is its band. A band name (`high`, any case) is that band with a
 * warning. An empty string means no score: the level decides, with a warning. Anything
 * else (out of range, `NaN`, other words, non-strings) is a problem: guessing could file a
 * critical finding under a lower band than the locked security rules gate on.
 */
export function readSecuritySeverity(value: unknown): SeverityReading {
  const shown = JSON.stringify(value) ?? String(value);
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 && value <= 10 ? { severity: severityOfScore(value) } : { problem: outOfRange(shown) };
  }
  if (typeof value !== 'string') return { problem: `security-severity ${shown} is not a CVSS score; write the score as a string from "0.0" to "10.0"` };
  const text = value.trim();
  if (text === '') return { fromLevel: true, warning: 'security-severity is empty; the severity is taken from the level (error high, warning medium, note low)' };
  if (NUMBER.test(text)) {
    const score = Number(text);
    return score >= 0 && score <= 10 ? { severity: severityOfScore(score) } : { problem: outOfRange(shown) };
  }
  const word = text.toLowerCase();
  if (BANDS.has(word)) return { severity: word as Severity, warning: `security-severity ${shown} is a severity name, not a CVSS score ("0.0" to "10.0"); read as ${word}` };
  return { problem: `security-severity ${shown} is not a CVSS score; write the score as a string from "0.0" to "10.0"` };
}

function outOfRange(shown: string): string {
  return `security-severity ${shown} is outside the CVSS range 0.0 to 10.0; fix the scanner's output (or its configuration) so the score is a CVSS base score`;
}

function hasSecurityTag(properties: Record<string, unknown> | undefined): boolean {
  const tags = properties?.tags;
  return Array.isArray(tags) && tags.some((t) => typeof t === 'string' && t.trim().toLowerCase() === 'security');
}

/** What classify needs of a result and its rule. */
export interface ClassifyInput {
  driverName: string;
  level: Level;
  resultProperties?: Record<string, unknown>;
  ruleProperties?: Record<string, unknown>;
}

/** Classifies one result (see the module comment). `ignored`: a non-security result of level `none`. */
export function classify({ driverName, level, resultProperties, ruleProperties }: ClassifyInput): Classification {
  const onResult = resultProperties !== undefined && 'security-severity' in resultProperties;
  const onRule = !onResult && ruleProperties !== undefined && 'security-severity' in ruleProperties;
  if (onResult || onRule) {
    const reading = readSecuritySeverity(onResult ? resultProperties['security-severity'] : ruleProperties!['security-severity']);
    if ('problem' in reading) return { kind: 'invalid', problem: reading.problem, on: onResult ? 'result' : 'rule' };
    if ('severity' in reading) return reading.warning ? { kind: 'security', severity: reading.severity, warning: reading.warning } : { kind: 'security', severity: reading.severity };
    const severity = LEVEL_SEVERITY[level];
    return severity ? { kind: 'security', severity, warning: reading.warning } : { kind: 'ignored' };
  }
  if (hasSecurityTag(resultProperties) || hasSecurityTag(ruleProperties) || isSecurityScanner(driverName)) {
    const severity = LEVEL_SEVERITY[level];
    return severity ? { kind: 'security', severity } : { kind: 'ignored' };
  }
  return level === 'none' ? { kind: 'ignored' } : { kind: 'analysis', level };
}

/** The security bands and analysis counts, as metric name suffixes. */
export const SECURITY_BANDS = ['critical', 'high', 'medium', 'low'] as const;
export const ANALYSIS_NAMES = ['errors', 'warnings', 'notes'] as const;
/** `high` → `High`, for `security.newHigh`. */
export const capital = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** The metrics a security finding of `severity` adds one to. */
export function securityCounts(severity: string, isNew: boolean): string[] {
  return isNew ? [`security.${severity}`, 'security.new', `security.new${capital(severity)}`] : [`security.${severity}`];
}

/** The metrics a static-analysis result of `level` adds one to. */
export function analysisCounts(level: string, isNew: boolean): string[] {
  return isNew ? [`analysis.${level}s`, `analysis.new${capital(level)}s`] : [`analysis.${level}s`];
}
