/**
 * Layering: rules merge by id, in layer order. A new id must state its kind; a repeated id
 * overrides only the fields it gives. Once a layer locks a rule, later layers may tighten it
 * but every loosening is reported with both locations and not applied.
 */
import type { Diagnostic } from '../errors.js';
import { conditionImplies, DEFAULTS, FIELDS, REQUIRED, showValue, type RuleKind } from './fields.js';
import type { Layer, RuleEntry } from './layer.js';
import { closest } from './suggest.js';
import type { Operator, Phase, SourceRef } from './types.js';

/** A rule while layers are applied. */
export interface RuleState {
  id: string;
  phase: Phase;
  kind: RuleKind;
  fields: Map<string, unknown>;
  /** Where each field was last set. */
  fieldAt: Map<string, SourceRef>;
  definedAt: SourceRef;
  /** The entry that last set a deciding field. */
  source: SourceRef;
  layers: string[];
  /** False when the definition lacked required fields (reported): the rule is left out. */
  complete: boolean;
}

/** A field's value in the merged rule, or its default. */
export function current(state: RuleState, field: string): unknown {
  return state.fields.get(field) ?? DEFAULTS[field];
}

/** `file:line:col` of a source reference. */
export const where = (at: SourceRef): string => `${at.file}:${at.line}:${at.col}`;

/** A diagnostic located at a source reference. */
export const diagnosticAt = (at: SourceRef, message: string): Diagnostic => ({ file: at.file, line: at.line, col: at.col, message });

/** The entry's fields that belong to `kind`; fields of other kinds are reported and dropped. */
function fieldsForKind(entry: RuleEntry, kind: RuleKind, diagnostics: Diagnostic[]): Map<string, unknown> {
  const kept = new Map<string, unknown>();
  for (const [name, value] of entry.fields) {
    const own = FIELDS[name]?.kind;
    if (own && own !== kind) {
      diagnostics.push(diagnosticAt(entry.keyAt(name), `${name} applies only to ${own} rules; "${entry.id}" is ${kind === 'approval' ? 'an' : 'a'} ${kind} rule (remove ${name})`));
    } else {
      kept.set(name, value);
    }
  }
  return kept;
}

function define(entry: RuleEntry, layer: string, known: readonly string[], diagnostics: Diagnostic[]): RuleState | undefined {
  if (!entry.kind) {
    if (!entry.tainted) {
      const guess = closest(entry.id, known);
      const note = `no earlier layer has a rule "${entry.id}" to override${guess ? `; did you mean "${guess}"?` : ''}`;
      diagnostics.push(diagnosticAt(entry.keyAt('id'), `new rule "${entry.id}" needs one of metric, document, freeze or approval (${note})`));
    }
    return undefined;
  }
  const fields = fieldsForKind(entry, entry.kind, diagnostics);
  const missing = REQUIRED[entry.kind].filter((f) => !fields.has(f));
  if (missing.length > 0 && !entry.tainted) {
    diagnostics.push(diagnosticAt(entry.at, `${entry.kind} rule "${entry.id}" needs ${missing.join(' and ')}`));
  }
  const fieldAt = new Map([...fields.keys()].map((f) => [f, entry.keyAt(f)]));
  fieldAt.set('kind', entry.keyAt(entry.kind));
  const at = entry.at;
  return { id: entry.id, phase: entry.phase, kind: entry.kind, fields, fieldAt, definedAt: at, source: at, layers: [layer], complete: missing.length === 0 };
}

/** The loosenings in `fields` of a locked rule, each with the fields it blocks. */
function loosenings(prev: RuleState, fields: Map<string, unknown>): { names: string[]; change: string }[] {
  const found: { names: string[]; change: string }[] = [];
  const op = prev.fields.get('operator') as Operator | undefined;
  const t = prev.fields.get('threshold') as number | undefined;
  if ((fields.has('operator') || fields.has('threshold')) && op !== undefined && t !== undefined) {
    const next: [Operator, number] = [(fields.get('operator') as Operator | undefined) ?? op, (fields.get('threshold') as number | undefined) ?? t];
    if (!conditionImplies(next, [op, t])) found.push({ names: ['operator', 'threshold'], change: `condition "${op} ${t}" -> "${next.join(' ')}"` });
  }
  for (const [name, value] of fields) {
    const before = current(prev, name);
    if (FIELDS[name]?.loosens?.(before, value)) found.push({ names: [name], change: `${name} ${showValue(before)} -> ${showValue(value)}` });
  }
  return found;
}

function override(prev: RuleState, entry: RuleEntry, layer: string, diagnostics: Diagnostic[]): void {
  if (prev.phase !== entry.phase) {
    diagnostics.push(diagnosticAt(entry.keyAt('id'), `rule "${entry.id}" belongs to phase ${prev.phase} (defined at ${where(prev.definedAt)}); override it under phases.${prev.phase}`));
    return;
  }
  if (entry.kind && entry.kind !== prev.kind) {
    diagnostics.push(diagnosticAt(entry.keyAt(entry.kind), `rule "${entry.id}" is ${prev.kind === 'approval' ? 'an' : 'a'} ${prev.kind} rule (defined at ${where(prev.definedAt)}); an override cannot change its kind, so give the ${entry.kind} rule its own id`));
    return;
  }
  const fields = fieldsForKind(entry, prev.kind, diagnostics);
  const blocked = new Set<string>();
  const lock = prev.fieldAt.get('locked');
  if (current(prev, 'locked') === true && lock) {
    for (const l of loosenings(prev, fields)) {
      const at = entry.keyAt(l.names.find((n) => fields.has(n))!);
      diagnostics.push(diagnosticAt(at, `cannot loosen locked rule "${entry.id}": ${l.change} (locked by ${lock.layer} at ${where(lock)}); only tightening is allowed`));
      l.names.forEach((n) => blocked.add(n));
    }
  }
  let deciding = false;
  for (const [name, value] of fields) {
    if (blocked.has(name)) continue;
    prev.fields.set(name, value);
    prev.fieldAt.set(name, entry.keyAt(name));
    deciding ||= FIELDS[name]?.deciding ?? false;
  }
  if (deciding) prev.source = entry.at;
  if (!prev.layers.includes(layer)) prev.layers.push(layer);
}

/** Applies the layers' rules in order; returns the merged rules in order of first definition. */
export function mergeRules(layers: readonly Layer[]): { rules: RuleState[]; diagnostics: Diagnostic[] } {
  const rules = new Map<string, RuleState>();
  const diagnostics: Diagnostic[] = [];
  for (const layer of layers) {
    for (const entry of layer.rules) {
      const prev = rules.get(entry.id);
      if (prev) {
        override(prev, entry, layer.file.layer, diagnostics);
        continue;
      }
      const state = define(entry, layer.file.layer, [...rules.keys()], diagnostics);
      if (state) rules.set(entry.id, state);
    }
  }
  return { rules: [...rules.values()], diagnostics };
}
