/**
 * What the locks of earlier layers forbid a layer: loosening a locked value, changing one that
 * has no "tighter", removing a locked entry or unlocking it, and giving someone a role whose
 * holders approve a locked step. Each is reported at the offending key with where the lock was
 * set, and the values it concerns are not applied.
 */
import type { Diagnostic } from '../../errors.js';
import { quoted } from '../../policy/quote.js';
import { fieldOrigin, keyRef, type ReleaseEntry } from './entries.js';
import { approvalsLoosen, SPECS, type ApprovalsView, type Part } from './fields.js';
import { current, diagnosticAt, entryLabel, show, type EntryState, type Placed, type ReleaseState } from './state.js';
import { DEFAULT_APPROVER_ROLE } from './types.js';

/** Role → why its holders are fixed. */
export type RoleLocks = Map<string, string>;

/** `locked by LAYER at FILE:LINE:COL`. */
export function describeLock(at: Placed): string {
  const ref = keyRef(at);
  return `locked by ${ref.layer} at ${ref.file}:${ref.line}:${ref.col}`;
}

/** The first section lock that covers `part`. */
export function partLock(state: ReleaseState, part: Part): Placed | undefined {
  return state.sectionLocks.find((l) => l.parts === true || l.parts.includes(part))?.at;
}

/** The first lock on the field named `group` of `e`: its part's or its own. */
export function fieldLock(state: ReleaseState, e: EntryState, group: string): Placed | undefined {
  return partLock(state, e.part) ?? e.locks.find((l) => l.fields === true || l.fields.includes(group))?.at;
}

const anyLock = (state: ReleaseState, e: EntryState): Placed | undefined => partLock(state, e.part) ?? e.locks[0]?.at;

function approvalsOf(fields: ReadonlyMap<string, unknown>): ApprovalsView | undefined {
  const min = fields.get('approvals.min') as number | undefined;
  if (min === undefined) return undefined;
  const of = fields.get('approvals.of') as string[] | undefined;
  const role = fields.get('approvals.role') as string | undefined;
  return { min, ...(of ? { of } : {}), ...(role ? { role } : {}) };
}

function showApprovals(a: ApprovalsView | undefined): string {
  if (!a) return 'none';
  return a.of ? `${a.min} of ${show(a.of)}` : `${a.min} by role ${show(a.role ?? DEFAULT_APPROVER_ROLE)}`;
}

/** The roles whose holders approve a step with locked approvals, as the layers so far left them. */
export function protectedRoles(state: ReleaseState): RoleLocks {
  const roles: RoleLocks = new Map();
  for (const step of state.lists.steps) {
    const lock = fieldLock(state, step, 'approvals');
    const need = approvalsOf(step.fields);
    if (!lock || !need || need.of || current(step, 'enabled') !== true) continue;
    const role = need.role ?? DEFAULT_APPROVER_ROLE;
    if (!roles.has(role)) roles.set(role, `its holders approve ${entryLabel(step)}, whose approvals are locked (${describeLock(lock)})`);
  }
  return roles;
}

/** The entry's approvals after `entry` is applied. */
function approvalsAfter(prev: EntryState, entry: ReleaseEntry): ApprovalsView | undefined {
  const fields = new Map([...prev.fields].filter(([k]) => k.startsWith('approvals.')));
  for (const [k, v] of entry.fields) {
    if (!k.startsWith('approvals.')) continue;
    if (v === null) fields.delete(k);
    else fields.set(k, v);
  }
  if (entry.fields.get('approvals.of') != null && !entry.fields.has('approvals.role')) fields.delete('approvals.role');
  if (entry.fields.get('approvals.role') != null && !entry.fields.has('approvals.of')) fields.delete('approvals.of');
  return approvalsOf(fields);
}

type Report = (field: string, message: string) => void;

function checkEnabled(state: ReleaseState, prev: EntryState, entry: ReleaseEntry, report: Report): void {
  if (!entry.fields.has('enabled')) return;
  const before = current(prev, 'enabled');
  const next = entry.fields.get('enabled');
  const label = entryLabel(prev);
  const fix = next === false ? 'remove enabled: false' : 'remove enabled: true';
  const list = partLock(state, prev.part);
  if (list && before !== next) {
    report('enabled', `cannot ${next === false ? 'remove' : 'bring back'} ${label}: release.${prev.part} is locked (${describeLock(list)}); ${fix}`);
    return;
  }
  const lock = anyLock(state, prev);
  if (lock && SPECS[prev.part].fields.enabled!.loosens!(before, next)) report('enabled', `cannot ${next === false ? 'remove' : 'bring back'} locked ${label} (${describeLock(lock)}); ${fix}`);
}

function checkApprovals(state: ReleaseState, prev: EntryState, entry: ReleaseEntry, report: Report): void {
  const given = [...entry.fields.keys()].filter((k) => k.startsWith('approvals.'));
  const lock = given.length > 0 ? fieldLock(state, prev, 'approvals') : undefined;
  if (!lock) return;
  const before = approvalsOf(prev.fields);
  const after = approvalsAfter(prev, entry);
  if (approvalsLoosen(before, after)) report(given[0]!, `cannot loosen locked ${entryLabel(prev)}: approvals ${showApprovals(before)} -> ${showApprovals(after)} (${describeLock(lock)}); only tightening is allowed`);
}

function checkFields(state: ReleaseState, prev: EntryState, entry: ReleaseEntry, report: Report): void {
  for (const [name, next] of entry.fields) {
    if (name === 'enabled' || name.startsWith('approvals.')) continue;
    const spec = SPECS[prev.part].fields[name]!;
    const lock = fieldLock(state, prev, spec.group);
    const before = current(prev, name);
    if (!lock || (spec.loosens ? !spec.loosens(before, next) : JSON.stringify(before) === JSON.stringify(next ?? undefined))) continue;
    const change = `${name} ${show(before)} -> ${show(next)} (${describeLock(lock)})`;
    report(name, spec.loosens ? `cannot loosen locked ${entryLabel(prev)}: ${change}; only tightening is allowed` : `cannot change locked ${entryLabel(prev)}: ${change}; a locked ${spec.group} stays as it is, so remove it here`);
  }
}

function checkRole(prev: EntryState, entry: ReleaseEntry, roles: RoleLocks, blocked: ReadonlySet<string>, report: Report): void {
  // A locked approver's change is refused already.
  if (prev.part !== 'approvers' || blocked.has('role') || blocked.has('enabled')) return;
  const role = String(entry.fields.get('role') ?? current(prev, 'role'));
  const enabled = entry.fields.get('enabled') ?? current(prev, 'enabled');
  const gains = enabled === true && roles.has(role) && (role !== current(prev, 'role') || current(prev, 'enabled') !== true);
  if (gains) report(entry.fields.has('role') ? 'role' : 'enabled', `cannot give role ${quoted(role)} to approver ${quoted(prev.key!)}: ${roles.get(role)}; only the people who hold it already may approve`);
}

/**
 * Checks `entry`, a later layer's change to `prev`, against the locks of the earlier layers.
 * Reports each violation and returns the fields that must not be applied.
 */
export function checkOverride(state: ReleaseState, prev: EntryState, entry: ReleaseEntry, roles: RoleLocks, diagnostics: Diagnostic[]): Set<string> {
  const blocked = new Set<string>();
  const lock = anyLock(state, prev);
  if (entry.lock?.value === false && lock) diagnostics.push(diagnosticAt(entry.lock.at, `cannot unlock ${entryLabel(prev)} (${describeLock(lock)}); remove locked: false`));
  const report: Report = (field, message) => {
    diagnostics.push(diagnosticAt(fieldOrigin(entry, field), message));
    if (field.startsWith('approvals.')) for (const k of entry.fields.keys()) if (k.startsWith('approvals.')) blocked.add(k);
    blocked.add(field);
  };
  checkEnabled(state, prev, entry, report);
  checkApprovals(state, prev, entry, report);
  checkFields(state, prev, entry, report);
  checkRole(prev, entry, roles, blocked, (field, message) => {
    report(field, message);
    blocked.add('role').add('enabled');
  });
  return blocked;
}
