/**
 * SARIF 2.1.0 logs from any number of tools and runs. Each open result becomes a finding
 * item; the `security.*` and `analysis.*` metrics are counted from the items' `counts`.
 * classify.ts decides what a result is: a security finding (severity from
 * `security-severity` in CVSS bands, else the level) or a static-analysis result (by level).
 * Suppressed results are counted apart and are not items.
 */
import { detach, fileError, messageText } from '../files.js';
import { jsonSyntaxError, readJsonText } from '../json-file.js';
import { locatePointer } from '../json-locate.js';
import { JsonSlicer, JsonStructureError } from '../json-slicer.js';
import type { PathResolver } from '../paths.js';
import type { EvidenceItem, EvidenceWarning } from '../types.js';
import { assertValidSarifPart } from '../validate.js';
import { ANALYSIS_NAMES, SECURITY_BANDS, analysisCounts, capital, classify, securityCounts, type Level } from './classify.js';
import { streamSarif } from './stream.js';
import { KeyTable } from '../tests/key-table.js';
import { testKey } from '../tests/tally.js';

export { SECURITY_SCANNERS, severityOfScore } from './classify.js';

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
  /** JSON pointer of each rule, for locating a bad property. */
  rulePointers: Map<Rule, string>;
  /** The run's index in its log, and the results seen so far (the next result's index). */
  index: number;
  results: number;
}

/** A value that makes a result unreadable, at a JSON pointer into its log; `read` locates it. */
class SarifValueError extends Error {
  constructor(readonly pointer: string, message: string) {
    super(message);
  }
}

const WHAT = 'a SARIF 2.1.0 log';

/** What decides whether a finding is new: baselineState first, else lines added since --base. */
export type IsNewLine = ((file: string, line: number | undefined) => boolean) | undefined;

/** How many findings of one level (critical … low, error … note) become items; the rest are counted only. */
export const MAX_FINDING_ITEMS_PER_LEVEL = 1000;

const SEEN = 1, SUPPRESSED_SECURITY = 2, SUPPRESSED_ANALYSIS = 4;

/**
 * Accumulates findings of many SARIF files; identical ids (fingerprints) count once. Every
 * finding is counted, but only the first MAX_FINDING_ITEMS_PER_LEVEL of each level become
 * items, and ids are remembered as 53-bit hashes in a typed-array table: memory stays
 * bounded however many findings a log holds.
 */
export class FindingSet {
  readonly items = new Map<string, EvidenceItem>();
  private readonly seen = new KeyTable();
  private readonly counted = new Map<string, number>();
  private readonly listed = new Map<string, number>();
  private readonly omitted = new Map<string, number>();
  /** Whether `security.new*` and `analysis.new*` can be told: a base ref was given or a result had a baselineState. */
  newKnown: boolean;
  /** Suppressed results (each id once), by class. */
  private readonly suppressed = { security: 0, analysis: 0 };
  /** Warnings by file and message, with how many results each covers. */
  private readonly warned = new Map<string, EvidenceWarning & { results: number }>();
  /** The file being read and its last run's index. */
  private at = { shown: '', run: -1 };

  constructor(
    private readonly paths: PathResolver,
    private readonly isNewLine: IsNewLine,
    /** How many findings of each level become items (the rest are counted only). */
    private readonly maxItemsPerLevel: number = MAX_FINDING_ITEMS_PER_LEVEL,
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
    this.at = { shown, run: -1 };
    let streamed: boolean;
    try {
      streamed = await streamSarif(file, shown, (run) => this.runContext(run as unknown as Run), (context, result) => this.addResult(context, result as Result));
    } catch (err) {
      if (!(err instanceof SarifValueError)) throw err;
      streamed = false; // read again whole, which locates the bad value in the text
    }
    if (!streamed) {
      this.at = { shown, run: -1 };
      this.readWhole(file, shown);
    }
  }

  /** Reads one SARIF file whole (text, then one run header and one result at a time). */
  private readWhole(file: string, shown: string): void {
    const text = readJsonText(file, shown, WHAT);
    try {
      this.readText(text, shown);
    } catch (err) {
      if (err instanceof SarifValueError) {
        const { line, col } = locatePointer(text, err.pointer);
        throw fileError(shown, err.message, line, col);
      }
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
    const index = ++this.at.run;
    const components = [run.tool.driver, ...(run.tool.extensions ?? [])];
    const byId = new Map<string, Rule>();
    const rulePointers = new Map<Rule, string>();
    components.forEach((c, n) => {
      const at = n === 0 ? `/runs/${index}/tool/driver` : `/runs/${index}/tool/extensions/${n - 1}`;
      (c.rules ?? []).forEach((r, k) => rulePointers.set(r, `${at}/rules/${k}`));
      for (const r of c.rules ?? []) if (!byId.has(r.id)) byId.set(r.id, r);
    });
    return { run, components, byId, rulePointers, index, results: 0 };
  }

  private addResult(context: RunContext, result: Result): void {
    const { run, components, byId } = context;
    const resultIndex = context.results++;
    if (result.kind !== undefined && result.kind !== 'fail') return;
    const component = components[result.rule?.toolComponent?.index ?? 0] ?? run.tool.driver;
    const index = result.rule?.index ?? result.ruleIndex ?? -1;
    const ruleId = result.ruleId ?? result.rule?.id ?? (index >= 0 ? component.rules?.[index]?.id : undefined) ?? 'unknown-rule';
    const rule = (index >= 0 ? component.rules?.[index] : undefined) ?? byId.get(ruleId);
    const tool = run.tool.driver.name;
    const level: Level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
    const found = classify({ driverName: tool, level, resultProperties: result.properties, ruleProperties: rule?.properties });
    if (found.kind === 'invalid') {
      const at = found.on === 'result' ? `/runs/${context.index}/results/${resultIndex}` : context.rulePointers.get(rule!)!;
      throw new SarifValueError(`${at}/properties/security-severity`, `${found.problem} (rule ${ruleId})`);
    }
    if (found.kind === 'ignored') return;
    const physical = result.locations?.[0]?.physicalLocation;
    const file = physical?.artifactLocation?.uri ? this.paths.normalise(resolveUri(run, physical.artifactLocation.uri, physical.artifactLocation.uriBaseId)) : undefined;
    const line = physical?.region?.startLine;
    const fingerprint = Object.values(result.partialFingerprints ?? {})[0];
    const id = detach(fingerprint ? fingerprint : `${tool}/${ruleId}@${file ?? ''}:${line ?? 0}`);
    const key = testKey(id);
    if (this.seen.get(key) !== 0) return;
    if (found.kind === 'security' && found.warning) this.warn(`rule ${ruleId}: ${found.warning}`);

    // A suppression that is absent-status or accepted hides the result: counted, never listed.
    if ((result.suppressions ?? []).some((s) => s.status === undefined || s.status === 'accepted')) {
      this.seen.set(key, found.kind === 'security' ? SUPPRESSED_SECURITY : SUPPRESSED_ANALYSIS);
      this.suppressed[found.kind]++;
      return;
    }
    this.seen.set(key, SEEN);
    if (result.baselineState) this.newKnown = true;
    const isNew = result.baselineState ? result.baselineState === 'new' : file !== undefined && this.isNewLine?.(file, line) === true;
    const counts = found.kind === 'security' ? securityCounts(found.severity, isNew) : analysisCounts(found.level, isNew);
    const text = result.message.text ?? (result.message.id ? rule?.messageStrings?.[result.message.id]?.text : undefined);
    const itemLevel = found.kind === 'security' ? found.severity : found.level;
    for (const c of counts) this.counted.set(c, (this.counted.get(c) ?? 0) + 1);
    const listed = this.listed.get(itemLevel) ?? 0;
    if (listed >= this.maxItemsPerLevel) {
      this.omitted.set(itemLevel, (this.omitted.get(itemLevel) ?? 0) + 1);
      return;
    }
    this.listed.set(itemLevel, listed + 1);
    const item: EvidenceItem = { id, kind: 'finding', title: detach(rule?.shortDescription?.text ?? rule?.name ?? ruleId), level: itemLevel, tool: detach(tool), counts };
    const message = messageText(text);
    if (message) item.message = message;
    if (file) item.file = file;
    if (line) item.line = line;
    this.items.set(id, item);
  }

  private warn(message: string): void {
    const key = `${this.at.shown}\u0000${message}`;
    const w = this.warned.get(key);
    if (w) w.results++;
    else this.warned.set(key, { file: this.at.shown, message, results: 1 });
  }

  /** Usable values with a caveat (a severity name for a score …), one per file and message. */
  warnings(): EvidenceWarning[] {
    const out = [...this.warned.values()].map((w) => ({ file: w.file, message: `${w.message} (${w.results} ${w.results === 1 ? 'result' : 'results'})` }));
    for (const [level, n] of this.omitted) {
      out.push({ file: '--sarif', message: `${n} more ${level} findings are counted but not listed (the first ${this.maxItemsPerLevel} of each level are); a finding waiver matches listed findings only` });
    }
    return out;
  }

  /** Counts per metric name; zeros for every name once any SARIF was read. */
  metrics(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of [...SECURITY_BANDS.map((s) => `security.${s}`), ...ANALYSIS_NAMES.map((n) => `analysis.${n}`)]) out[name] = 0;
    if (this.newKnown) {
      for (const s of ['', ...SECURITY_BANDS.map(capital)]) out[`security.new${s}`] = 0;
      for (const n of ANALYSIS_NAMES) out[`analysis.new${capital(n)}`] = 0;
    }
    for (const [c, n] of this.counted) if (c in out) out[c] = n;
    out['security.suppressed'] = this.suppressed.security;
    out['analysis.suppressed'] = this.suppressed.analysis;
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
