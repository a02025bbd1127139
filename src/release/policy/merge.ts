/**
 * Layering of the `release` section: steps merge by id, metrics and approvers by name, score
 * and limits key by key; a repeated id or name changes only the fields it gives. Once a layer
 * locks a part, later layers may tighten it but every loosening, removal or addition it forbids
 * is reported with both locations and not applied (docs/release-gate.md, Layering).
 */
import type { Diagnostic } from '../../errors.js';
import type { ReleaseSources } from '../../policy/types.js';
import { quoted } from '../../policy/quote.js';
import { closest } from '../../policy/suggest.js';
import { fieldOrigin, type ReleaseEntry, type ReleaseLayer } from './entries.js';
import { buildRelease } from './build.js';
import { SPECS, type ListPart, type Part } from './fields.js';
import { checkOverride, describeLock, partLock, protectedRoles, type RoleLocks } from './locks.js';
import { releaseSources } from './sources.js';
import { diagnosticAt, emptyEntry, place, type EntryState, type ReleaseState } from './state.js';
import type { ReleasePolicy } from './types.js';

function addLock(e: EntryState, entry: ReleaseEntry, seq: number): void {
  const v = entry.lock?.value;
  if (v === true || Array.isArray(v)) e.locks.push({ fields: v === true ? true : v, at: place(entry.lock!.at, seq) });
}

/** Sets the entry's fields that are not blocked; null removes. Giving `of` drops an inherited `role`, and the reverse. */
function apply(e: EntryState, entry: ReleaseEntry, blocked: ReadonlySet<string>, seq: number): void {
  for (const [name, value] of entry.fields) {
    if (blocked.has(name)) continue;
    if (value === null) {
      e.fields.delete(name);
      e.origins.delete(name);
    } else {
      e.fields.set(name, value);
      e.origins.set(name, place(fieldOrigin(entry, name), seq));
    }
  }
  for (const [given, other] of [['approvals.of', 'approvals.role'], ['approvals.role', 'approvals.of']] as const) {
    if (entry.fields.get(given) != null && !blocked.has(given) && !entry.fields.has(other)) {
      e.fields.delete(other);
      e.origins.delete(other);
    }
  }
}

function missingNote(part: ListPart, key: string | undefined, known: readonly string[]): string {
  if (known.length === 0 || key === undefined) return '';
  const guess = closest(key, known);
  return ` (no earlier layer has a ${SPECS[part].noun} ${quoted(key)} to change${guess ? `; did you mean "${guess}"?` : ''})`;
}

/** A new entry: refused when its list is locked, it needs an id, it lacks a required field or takes a locked role. */
function define(state: ReleaseState, entry: ReleaseEntry, ctx: LayerContext): void {
  const part = entry.part as ListPart;
  const spec = SPECS[part];
  const list = state.lists[part];
  const label = `release.${part}[${entry.at.segs[2]}]`;
  const lock = partLock(state, part);
  if (part === 'steps' && entry.key === undefined && ctx.inheritedSteps) {
    const ids = list.flatMap((s) => (s.key === undefined ? [] : [quoted(s.key)]));
    const fix = ids.length > 0 ? `: give the id of the step to change (${ids.join(', ')}), or a new id to add a step` : ' (without ids, so they cannot be changed here); give a new id to add a step';
    ctx.diagnostics.push(diagnosticAt(entry.at, `${label} needs an id: earlier layers define the steps${fix}`, false));
    return;
  }
  const name = entry.key === undefined ? label : `release ${spec.noun} ${quoted(entry.key)}`;
  if (lock) {
    ctx.diagnostics.push(diagnosticAt(entry.at, `cannot add ${name}: release.${part} is locked (${describeLock(lock)}); only the inherited ${part} may be tightened`, false));
    return;
  }
  const missing = spec.required.filter((f) => entry.fields.get(f) == null);
  if (missing.length > 0) {
    const known = list.flatMap((s) => (s.key === undefined ? [] : [s.key]));
    const what = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    ctx.diagnostics.push(diagnosticAt(entry.at, `${entry.key === undefined ? `${label} is a new step and` : `new ${name}`} needs ${what}${missingNote(part, entry.key, known)}`, false));
    return;
  }
  const held = part === 'approvers' ? ctx.roles.get(String(entry.fields.get('role'))) : undefined;
  if (held && entry.fields.get('enabled') !== false) {
    ctx.diagnostics.push(diagnosticAt(fieldOrigin(entry, 'role'), `cannot add approver ${quoted(entry.key!)} with role ${quoted(String(entry.fields.get('role')))}: ${held}; only the people who hold it already may approve`));
    return;
  }
  const e: EntryState = { ...emptyEntry(part), order: list.length, ...(entry.key === undefined ? {} : { key: entry.key }) };
  apply(e, entry, new Set(), ctx.seq);
  addLock(e, entry, ctx.seq);
  list.push(e);
}

interface LayerContext {
  seq: number;
  diagnostics: Diagnostic[];
  /** Whether steps came from earlier layers. */
  inheritedSteps: boolean;
  /** Roles whose holders are fixed by a locked step's approvals, as the earlier layers left them. */
  roles: RoleLocks;
}

function change(state: ReleaseState, prev: EntryState, entry: ReleaseEntry, ctx: LayerContext): void {
  const blocked = checkOverride(state, prev, entry, ctx.roles, ctx.diagnostics);
  apply(prev, entry, blocked, ctx.seq);
  addLock(prev, entry, ctx.seq);
}

function applyLayer(state: ReleaseState, layer: ReleaseLayer, seq: number, diagnostics: Diagnostic[]): void {
  const ctx: LayerContext = { seq, diagnostics, inheritedSteps: state.lists.steps.length > 0, roles: protectedRoles(state) };
  if (layer.lock?.value === false && state.sectionLocks.length > 0) {
    diagnostics.push(diagnosticAt(layer.lock.at, `cannot unlock the release section (${describeLock(state.sectionLocks[0]!.at)}); remove locked: false`));
  }
  for (const part of ['steps', 'metrics', 'approvers'] as const) {
    for (const entry of layer.lists[part] ?? []) {
      const prev = entry.key === undefined ? undefined : state.lists[part].find((e) => e.key === entry.key);
      if (prev) change(state, prev, entry, ctx);
      else define(state, entry, ctx);
    }
  }
  if (layer.score) change(state, state.score, layer.score, ctx);
  if (layer.limits) change(state, state.limits, layer.limits, ctx);
  const v = layer.lock?.value;
  if (v === true || Array.isArray(v)) state.sectionLocks.push({ parts: v === true ? true : (v as Part[]), at: place(layer.lock!.at, seq) });
  state.given.steps ||= layer.lists.steps !== undefined;
  state.given.metrics ||= layer.lists.metrics !== undefined;
  state.last = place(layer.at, seq);
}

/** Applies the layers' release sections in order; no state when no layer has one. */
export function mergeReleaseLayers(layers: readonly (ReleaseLayer | undefined)[]): { state?: ReleaseState; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let state: ReleaseState | undefined;
  layers.forEach((layer, seq) => {
    if (!layer) return;
    state ??= {
      first: place(layer.at, seq),
      last: place(layer.at, seq),
      sectionLocks: [],
      lists: { steps: [], metrics: [], approvers: [] },
      given: { steps: false, metrics: false },
      score: emptyEntry('score'),
      limits: emptyEntry('limits'),
    };
    applyLayer(state, layer, seq, diagnostics);
  });
  return { state, diagnostics };
}

/**
 * The `release` section across the layers: merged, checked against every lock, and built into
 * the effective rollout policy with where each setting came from. Nothing when no layer has one.
 */
export function layerRelease(layers: readonly (ReleaseLayer | undefined)[]): { release?: ReleasePolicy; sources?: ReleaseSources; diagnostics: Diagnostic[] } {
  const merged = mergeReleaseLayers(layers);
  if (!merged.state) return { diagnostics: merged.diagnostics };
  const built = buildRelease(merged.state);
  const diagnostics = [...merged.diagnostics, ...built.diagnostics];
  return built.release ? { release: built.release, sources: releaseSources(merged.state), diagnostics } : { diagnostics };
}
