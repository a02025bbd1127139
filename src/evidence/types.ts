/**
 * The evidence bundle: what `phasegate collect` writes and `phasegate gate --evidence` reads.
 * Its JSON Schema is schemas/evidence.schema.json. Metric names are listed in
 * src/catalog/metrics.ts and the README.
 */

export const EVIDENCE_SCHEMA_VERSION = 1;

/** One thing a report or annotation can point at: a failed test, a finding, an uncovered line. */
export interface EvidenceItem {
  /** Stable id (a finding's fingerprint or `tool/ruleId@file:line`; a test's `classname::name`). */
  id: string;
  kind: 'test' | 'finding';
  title: string;
  /** The whole failure message or finding text, capped at ITEM_MESSAGE_CAP (src/evidence/files.ts). */
  message?: string;
  /** A bounded excerpt of a failure's details (stack trace, diff), capped at ITEM_DETAILS_CAP. */
  details?: string;
  file?: string;
  line?: number;
  /** e.g. `failed`/`errored`/`flaky` for tests; `critical`/`high`/`medium`/`low` or `error`/`warning`/`note` for findings. */
  level: string;
  tool?: string;
  /**
   * Count metrics this item adds one to (e.g. `["security.high", "security.new"]`).
   * A finding waiver subtracts the waived item from exactly these metrics.
   */
  counts: string[];
}

export interface Signoff {
  by: string;
  role: string;
  /** ISO date or date-time. */
  date: string;
}

export interface DocumentEvidence {
  kind: string;
  /** Repository-relative path with forward slashes. */
  path: string;
  /** When the document was last changed (front matter `updated`, else its last git commit; absent otherwise). ISO. */
  updated?: string;
  signoffs: Signoff[];
  requirements?: { count: number; withAcceptance: number };
}

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
}

export interface Approval {
  by: string;
  roles: string[];
  teams: string[];
  /** ISO date-time. */
  at?: string;
  commit?: string;
}

/** Platform facts (from GitHub/Jenkins, or `--facts FILE`). */
export interface Facts {
  author?: string;
  labels?: string[];
  approvals?: Approval[];
  changeRequest?: { id: string; state: 'approved' | 'pending' | 'rejected'; approvedBy: Approval[] };
}

/** Lines added since the base ref that coverage instruments but no test ran, as inclusive ranges. */
export interface UncoveredLines {
  file: string;
  ranges: { start: number; end: number }[];
}

/** Data that was usable but not as the tool claimed (declared counts without cases, …); printed and kept. */
export interface EvidenceWarning {
  /** The file as shown to users. */
  file: string;
  message: string;
}

export interface EvidenceSource {
  kind: 'junit' | 'coverage' | 'sarif' | 'docs' | 'source' | 'git' | 'facts' | 'perf';
  path: string;
  format?: string;
}

/** One language cloc found under --source, as the size table lists it. */
export interface SizeLanguage {
  /** cloc's language name, e.g. `TypeScript`, `C/C++ Header`, `Markdown`. */
  language: string;
  /** The language's default class (src/catalog/languages.ts). */
  class: 'code' | 'data' | 'docs';
  /** Whether its code lines count towards `size.kloc`: the class, unless the policy's `settings.size` says otherwise. */
  counted: boolean;
  files: number;
  code: number;
  comment: number;
  blank: number;
}

/** What code size counted, language by language (docs/evidence.md, Code size). */
export interface SizeEvidence {
  /** Counted languages first, then by code lines (most first), then by name. */
  languages: SizeLanguage[];
}

export interface EvidenceBundle {
  schemaVersion: typeof EVIDENCE_SCHEMA_VERSION;
  /** Flat map of documented metric names to numbers. */
  metrics: Record<string, number>;
  items: EvidenceItem[];
  documents: DocumentEvidence[];
  /** Changed files since the base ref, and when the change's first commit was authored (`since`, ISO); absent when no base was given. */
  changes?: { base: string; since?: string; files: ChangedFile[] };
  /** Uncovered lines among those added since the base (needs coverage and a base ref). */
  uncoveredNewLines?: UncoveredLines[];
  facts?: Facts;
  /** The language table of code size; present when --source was given. */
  size?: SizeEvidence;
  sources: EvidenceSource[];
  /**
   * Metrics with nothing to judge (a new-code metric over zero new lines), with the reason:
   * a rule on one of them is `n/a`, not failed and not missing.
   */
  notApplicable?: Record<string, string>;
  /** Usable data with a caveat; absent when there is none. */
  warnings?: EvidenceWarning[];
}
