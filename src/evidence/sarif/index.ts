/**
 * SARIF 2.1.0 logs from any number of tools and runs. Each result becomes a finding item;
 * the `security.*` and `analysis.*` metrics are counted from the items' `counts`.
 * Severity: the `security-severity` property (result, then rule) in CVSS bands, else the
 * result level (error → high, warning → medium, note → low).
 */
import { detach, fileError, firstLine } from '../files.js';
import { jsonSyntaxError, readJsonText } from '../json-file.js';
import { JsonSlicer, JsonStructureError } from '../json-slicer.js';
import type { PathResolver } from '../paths.js';
import type { EvidenceItem } from '../types.js';
import { assertValidSarifPart } from '../validate.js';
import { streamSarif } from './stream.js';

type Level = 'none' | 'note' | 'warning' | 'error';
type Severity = 'critical' | 'high' | 'medium' | 'low';

interface Rule {
  id: string;
  name?: string;
  shortDescription?: { text?: string };
  messageStrings?: Record<string, { text?: string }>;
  defaultConfiguration?: { level?: Level };
  properties?: Record<string, unknown>;
}
interface Component {
  name: string;
  rules?: Rule[];
}
interface Result {
  ruleId?: string;
  ruleIndex?: number;
  rule?: { id?: string; index?: number; toolComponent?: { index?: number } };
  kind?: string;
  level?: Level;
  message: { text?: string; id?: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string }; region?: { startLine?: number } } }[];
  partialFingerprints?: Record<string, string>;
  baselineState?: string;
  suppressions?: { kind: string; status?: string }[];
  properties?: Record<string, unknown>;
}
interface Run {
  tool: { driver: Component; extensions?: Component[] };
  originalUriBaseIds?: Record<string, { uri?: string }>;
  results?: Result[];
}

interface RunContext {
  run: Run;
  components: Component[];
  byId: Map<string, Rule>;
}

const WHAT = 'a SARIF 2.1.0 log';

/** What decides whether a finding is new: baselineState first, else lines added since --base. */
export type IsNewLine = ((file: string, line: number | undefined) => boolean) | undefined;

/** CVSS score → severity band. */
export function severityOfScore(score: number): Severity {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

const LEVEL_SEVERITY: Record<Level, Severity | undefined> = { error: 'high', warning: 'medium', note: 'low', none: undefined };

/** Accumulates findings of many SARIF files; identical ids (fingerprints) are kept once. */
export class FindingSet {
  readonly items = new Map<string, EvidenceItem>();
  /** Whether `security.new*` can be told: a base ref was given or a result had a baselineState. */
  newKnown: boolean;

  constructor(
    private readonly paths: PathResolver,
    private readonly isNewLine: IsNewLine,
  ) {
    this.newKnown = isNewLine !== undefined;
  }

  /**
   * Reads and validates one SARIF file, streamed in two passes so that memory holds a chunk
   * and one result, never the log's text: the first reads the header and each run without
   * its results, the second the results with their run's context. A log that is not valid
   * (or has its `runs` twice) is read again whole, for the located message.
   */
  async read(file: string, shown: string): Promise<void> {
    const streamed = await streamSarif(file, shown, (run) => this.runContext(run as unknown as Run), (context, result) => this.addResult(context, result as Result));
    if (!streamed) this.readWhole(file, shown);
  }

  /** Reads one SARIF file whole (text, then one run header and one result at a time). */
  private readWhole(file: string, shown: string): void {
    const text = readJsonText(file, shown, WHAT);
    try {
      this.readText(text, shown);
    } catch (err) {
      if (err instanceof JsonStructureError || err instanceof SyntaxError) throw jsonSyntaxError(text, shown);
      throw err;
    }
  }

  private readText(text: string, shown: string): void {
    const slicer = new JsonSlicer(text);
    const start = slicer.ws(0);
    if (text[start] !== '{') throw fileError(shown, `/: must be object (not a valid ${WHAT})`, 1, 1);
    const parse = (r: { start: number; end: number }): unknown => JSON.parse(text.slice(r.start, r.end));
    const header: Record<string, unknown> = {};
    let runs: { start: number; end: number } | undefined;
    for (const m of slicer.members(start)) {
      if (m.key === 'runs' && text[m.value.start] === '[') {
        runs = m.value;
        header.runs = [];
      } else header[m.key] = parse(m.value);
    }
    assertValidSarifPart('header', header, text, shown, '');
    let i = 0;
    for (const runRange of slicer.elements(runs!.start)) {
      const skeleton: Record<string, unknown> = {};
      let results: { start: number; end: number } | undefined;
      for (const m of slicer.members(runRange.start)) {
        if (m.key === 'results' && text[m.value.start] === '[') {
          results = m.value;
          skeleton.results = [];
        } else skeleton[m.key] = parse(m.value);
      }
      assertValidSarifPart('run', skeleton, text, shown, `/runs/${i}`);
      const context = this.runContext(skeleton as unknown as Run);
      let j = 0;
      for (const r of results ? slicer.elements(results.start) : []) {
        const result = parse(r);
        assertValidSarifPart('result', result, text, shown, `/runs/${i}/results/${j++}`);
        this.addResult(context, result as Result);
      }
      i++;
    }
  }

  private runContext(run: Run): RunContext {
    const components = [run.tool.driver, ...(run.tool.extensions ?? [])];
    const byId = new Map<string, Rule>();
    for (const c of components) for (const r of c.rules ?? []) if (!byId.has(r.id)) byId.set(r.id, r);
    return { run, components, byId };
  }

  private addResult({ run, components, byId }: RunContext, result: Result): void {
    if (result.kind !== undefined && result.kind !== 'fail') return;
    const component = components[result.rule?.toolComponent?.index ?? 0] ?? run.tool.driver;
    const index = result.rule?.index ?? result.ruleIndex ?? -1;
    const ruleId = result.ruleId ?? result.rule?.id ?? (index >= 0 ? component.rules?.[index]?.id : undefined) ?? 'unknown-rule';
    const rule = (index >= 0 ? component.rules?.[index] : undefined) ?? byId.get(ruleId);
    const tool = run.tool.driver.name;
    const level: Level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
    const score = Number(result.properties?.['security-severity'] ?? rule?.properties?.['security-severity']);
    const severity = Number.isFinite(score) && score >= 0 ? severityOfScore(score) : LEVEL_SEVERITY[level];
    if (!severity) return;
    const physical = result.locations?.[0]?.physicalLocation;
    const file = physical?.artifactLocation?.uri ? this.paths.normalise(resolveUri(run, physical.artifactLocation.uri, physical.artifactLocation.uriBaseId)) : undefined;
    const line = physical?.region?.startLine;
    const fingerprint = Object.values(result.partialFingerprints ?? {})[0];
    const id = detach(fingerprint ? fingerprint : `${tool}/${ruleId}@${file ?? ''}:${line ?? 0}`);
    if (this.items.has(id)) return;

    const suppressed = (result.suppressions ?? []).some((s) => s.status === undefined || s.status === 'accepted');
    const counts: string[] = [];
    if (suppressed) counts.push('security.suppressed');
    else {
      counts.push(`security.${severity}`);
      if (level === 'error') counts.push('analysis.errors');
      if (level === 'warning') counts.push('analysis.warnings');
      if (result.baselineState) this.newKnown = true;
      const isNew = result.baselineState ? result.baselineState === 'new' : file !== undefined && this.isNewLine?.(file, line) === true;
      if (isNew) counts.push('security.new', `security.new${severity[0]!.toUpperCase()}${severity.slice(1)}`);
    }
    const text = result.message.text ?? (result.message.id ? rule?.messageStrings?.[result.message.id]?.text : undefined);
    const item: EvidenceItem = { id, kind: 'finding', title: detach(rule?.shortDescription?.text ?? rule?.name ?? ruleId), level: severity, tool: detach(tool), counts };
    const message = firstLine(text);
    if (message) item.message = message;
    if (file) item.file = file;
    if (line) item.line = line;
    this.items.set(id, item);
  }

  /** Counts per metric name; zeros for every severity once any SARIF was read. */
  metrics(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of ['security.critical', 'security.high', 'security.medium', 'security.low', 'security.suppressed', 'analysis.errors', 'analysis.warnings']) out[name] = 0;
    if (this.newKnown) for (const s of ['', 'Critical', 'High', 'Medium', 'Low']) out[`security.new${s}`] = 0;
    for (const item of this.items.values()) for (const c of item.counts) if (c in out) out[c]! += 1;
    return out;
  }
}

/** The artifact's path: `uriBaseId` resolved through the run's `originalUriBaseIds`, `file://` removed. */
function resolveUri(run: Run, uri: string, baseId: string | undefined): string {
  let full = uri;
  const base = baseId ? run.originalUriBaseIds?.[baseId]?.uri : undefined;
  if (base && !/^[a-z]+:/i.test(uri)) full = base.endsWith('/') ? base + uri : `${base}/${uri}`;
  if (full.startsWith('file://')) full = full.slice('file://'.length).replace(/^\/([A-Za-z]:)/, '$1');
  try {
    return decodeURIComponent(full);
  } catch {
    return full;
  }
}
