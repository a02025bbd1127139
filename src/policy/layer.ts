/**
 * One policy file as a layer: its rules and waivers in a form the merge can use, keeping only
 * values that passed the schema (so one typo does not cascade into more errors), plus the checks
 * that need a whole file: duplicate rule ids and unknown metric names.
 */
import type { ErrorObject } from 'ajv';
import { metricInfo, suggestMetrics } from '../catalog/metrics.js';
import type { Diagnostic } from '../errors.js';
import { releaseLayer, type ReleaseLayer } from '../release/policy/entries.js';
import { BLOCK_KEYS, FIELDS, RULE_KINDS, TOP_KEYS, type RuleKind } from './fields.js';
import { locate } from './locate.js';
import { sizeLayer, type SizeLayer } from './size-settings.js';
import type { PolicyFile } from './text.js';
import { PHASES, type Phase, type SourceRef, type Tier, type Waiver } from './types.js';
import { quoted } from './quote.js';

/** A rule as one layer states it. */
export interface RuleEntry {
  id: string;
  phase: Phase;
  /** The kind the entry states (metric key or kind block), if any. */
  kind?: RuleKind;
  /** Valid fields by flat name (`threshold`, `document.signoff`). */
  fields: Map<string, unknown>;
  /** Where the entry starts (its first key). */
  at: SourceRef;
  /** Where a field's key is written; for the kind, pass the kind's name. */
  keyAt(field: string): SourceRef;
  /** Where a field's value is written. */
  valueAt(field: string): SourceRef;
  /** True when the schema found a problem inside the entry (already reported). */
  tainted: boolean;
}

/** A waiver as one layer states it. */
export interface WaiverEntry {
  /** The waiver, when it passed the schema. */
  value?: Omit<Waiver, 'source'>;
  at: SourceRef;
  ruleAt: SourceRef;
}

/** One policy file, ready to merge. */
export interface Layer {
  file: PolicyFile;
  name?: string;
  tier?: { value: Tier; at: SourceRef };
  waiverWarningDays?: number;
  doraWindowDays?: number;
  baseBranch?: string;
  /** The file's `settings.size`, when it has a valid one. */
  size?: SizeLayer;
  extends: { ref: string; at: SourceRef }[];
  /** False when `extends` itself was invalid: the chain below this layer is unknown. */
  extendsValid: boolean;
  rules: RuleEntry[];
  waivers: WaiverEntry[];
  /** The file's `release` section, when it has a valid one; layers merge it key by key. */
  release?: ReleaseLayer;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Tells whether the value at a JSON pointer, and everything under it, passed the schema. */
function validity(errors: readonly ErrorObject[]): (ptr: string) => boolean {
  const bad = errors.map((e) => e.instancePath);
  return (ptr) => !bad.some((p) => p === ptr || p.startsWith(`${ptr}/`));
}

function ruleEntry(file: PolicyFile, phase: Phase, index: number, raw: Obj, ok: (ptr: string) => boolean): RuleEntry {
  const segs = ['phases', phase, String(index)];
  const ptr = `/${segs.join('/')}`;
  const fields = new Map<string, unknown>();
  for (const key of TOP_KEYS) if (key in raw && ok(`${ptr}/${key}`)) fields.set(key, raw[key]);
  for (const [block, keys] of Object.entries(BLOCK_KEYS)) {
    const b = raw[block];
    if (!isObj(b)) continue;
    for (const key of keys) if (key in b && ok(`${ptr}/${block}/${key}`)) fields.set(`${block}.${key}`, b[key]);
  }
  const kinds = RULE_KINDS.filter((k) => k in raw);
  // Two kinds at once is reported by the schema; guessing one would only add false errors.
  if (kinds.length > 1) for (const name of fields.keys()) if (FIELDS[name]?.kind) fields.delete(name);
  return {
    id: raw.id as string,
    phase,
    kind: kinds.length === 1 ? kinds[0] : undefined,
    fields,
    at: locate(file, segs),
    keyAt: (field) => locate(file, [...segs, ...field.split('.')], true),
    valueAt: (field) => locate(file, [...segs, ...field.split('.')]),
    tainted: !ok(ptr),
  };
}

function ruleEntries(file: PolicyFile, data: Obj, ok: (ptr: string) => boolean): RuleEntry[] {
  const phases = isObj(data.phases) ? data.phases : {};
  const entries: RuleEntry[] = [];
  for (const phase of PHASES) {
    const list = phases[phase];
    if (!Array.isArray(list)) continue;
    list.forEach((raw: unknown, i) => {
      if (isObj(raw) && typeof raw.id === 'string' && ok(`/phases/${phase}/${i}/id`)) entries.push(ruleEntry(file, phase, i, raw, ok));
    });
  }
  // In the order written, so that "first defined" means first in the file whatever the phase order.
  return entries.sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col);
}

function waiverEntries(file: PolicyFile, data: Obj, ok: (ptr: string) => boolean): WaiverEntry[] {
  const list = Array.isArray(data.waivers) ? (data.waivers as unknown[]) : [];
  return list.map((raw, i) => {
    const at = locate(file, ['waivers', String(i)]);
    const ruleAt = locate(file, ['waivers', String(i), 'rule']);
    return isObj(raw) && ok(`/waivers/${i}`) ? { value: raw as unknown as Omit<Waiver, 'source'>, at, ruleAt } : { at, ruleAt };
  });
}

function extendsOf(file: PolicyFile, data: Obj): Layer['extends'] {
  const v = data.extends;
  if (typeof v === 'string') return [{ ref: v, at: locate(file, ['extends']) }];
  if (!Array.isArray(v)) return [];
  return v.map((ref, i) => ({ ref: String(ref), at: locate(file, ['extends', String(i)]) }));
}

/** Duplicate ids in one file: reported at the repeat, which is then left out. */
function dropDuplicates(file: PolicyFile, entries: RuleEntry[], diagnostics: Diagnostic[]): RuleEntry[] {
  const first = new Map<string, RuleEntry>();
  return entries.filter((e) => {
    const seen = first.get(e.id);
    if (!seen) {
      first.set(e.id, e);
      return true;
    }
    const at = e.keyAt('id');
    diagnostics.push({ file: file.display, line: at.line, col: at.col, message: `duplicate rule id "${e.id}" (first defined at line ${seen.at.line}); rule ids are unique across the whole file` });
    return false;
  });
}

function unknownMetrics(entries: readonly RuleEntry[]): Diagnostic[] {
  return entries.flatMap((e) => {
    const name = e.fields.get('metric');
    if (typeof name !== 'string' || metricInfo(name)) return [];
    const guess = suggestMetrics(name)[0];
    const fix = guess ? ` (did you mean "${guess}"?)` : ' (see the metric names in the README)';
    const { file, line, col } = e.valueAt('metric');
    return [{ file, line, col, message: `unknown metric ${quoted(name)}${fix}` }];
  });
}

/**
 * Builds the layer of a parsed file given its schema errors, with the file-wide problems.
 * No layer when the file is not a mapping at all (the schema error says so).
 */
export function buildLayer(file: PolicyFile, errors: readonly ErrorObject[]): { layer?: Layer; diagnostics: Diagnostic[] } {
  const data = file.data;
  if (!isObj(data)) return { diagnostics: [] };
  const ok = validity(errors);
  const diagnostics: Diagnostic[] = [];
  const rules = dropDuplicates(file, ruleEntries(file, data, ok), diagnostics);
  diagnostics.push(...unknownMetrics(rules));
  const release = releaseLayer(file, data, ok('/release'));
  diagnostics.push(...release.diagnostics);
  const size = sizeLayer(file, data, ok('/settings/size'));
  diagnostics.push(...size.diagnostics);
  const layer: Layer = {
    file,
    name: ok('/name') && typeof data.name === 'string' ? data.name : undefined,
    tier: ok('/tier') && typeof data.tier === 'string' ? { value: data.tier as Tier, at: locate(file, ['tier']) } : undefined,
    waiverWarningDays: isObj(data.settings) && ok('/settings/waiverWarningDays') ? (data.settings.waiverWarningDays as number | undefined) : undefined,
    doraWindowDays: isObj(data.settings) && ok('/settings/doraWindowDays') ? (data.settings.doraWindowDays as number | undefined) : undefined,
    baseBranch: isObj(data.settings) && ok('/settings/baseBranch') ? (data.settings.baseBranch as string | undefined) : undefined,
    extends: ok('/extends') ? extendsOf(file, data) : [],
    extendsValid: ok('/extends'),
    rules,
    waivers: waiverEntries(file, data, ok),
    ...(release.release ? { release: release.release } : {}),
    ...(size.size ? { size: size.size } : {}),
  };
  return { layer, diagnostics };
}
