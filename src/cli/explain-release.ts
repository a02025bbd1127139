/**
 * The release section in `phasegate policy explain`: every effective setting of each step,
 * metric, the score, the limits and each approver, with the file, line and layer that set it
 * (or `default`), and every lock with where it was set.
 */
import { quoted } from '../policy/quote.js';
import type { ReleaseLock, ReleasePolicy, ReleaseSources, SourceRef } from '../policy/types.js';
import { SPECS, type Part } from '../release/policy/fields.js';

const UNITS: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];

/** `1h30m` for 5,400,000 ms; `0s` for none. */
export function formatDuration(ms: number): string {
  let rest = ms;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  return parts.join('') || '0s';
}

const at = (s: SourceRef): string => `set at ${s.file}:${s.line}:${s.col} (${s.layer})`;

/** Names and enum values as they are; other text (queries) quoted and escaped, never cut. */
function shown(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(shown).join(', ')}]`;
  if (typeof v !== 'string') return String(v);
  return /^[\w.-]+$/.test(v) ? v : quoted(v, Infinity);
}

/** The effective value of each setting of one entry, by the names the YAML uses. */
function settingsOf(part: Part, entry: object): Record<string, unknown> {
  const e = entry as Record<string, unknown>;
  if (part === 'steps') {
    const s = entry as ReleasePolicy['steps'][number];
    const a = s.approvals;
    return { weight: s.weight, minDuration: formatDuration(s.minDurationMs), minSamples: s.minSamples, 'approvals.min': a?.min, 'approvals.of': a?.of, 'approvals.role': a?.of ? undefined : a?.role };
  }
  if (part === 'metrics') {
    const m = entry as ReleasePolicy['metrics'][number];
    return { ...m, 'limit.max': m.limit.max, 'limit.min': m.limit.min };
  }
  return e;
}

function block(title: string, part: Part, path: string, entry: object, sources: ReleaseSources): string[] {
  const values = settingsOf(part, entry);
  const lines = [`  ${title}`];
  for (const name of Object.keys(SPECS[part].fields)) {
    const v = values[name];
    if (name === 'enabled' || v === undefined) continue;
    const source = sources.values[`${path}.${name}`];
    lines.push(`    ${name} ${shown(v)}, ${source ? at(source) : 'default'}`);
  }
  return [...lines, ...locksAt(path, sources.locks, '    ')];
}

function locksAt(path: string, locks: readonly ReleaseLock[], indent: string): string[] {
  return locks.filter((l) => l.path === path).map((l) => `${indent}locked: ${l.fields === 'all' ? 'all' : l.fields.join(', ')}, ${at(l.source)}`);
}

/** The text lines of the release section, with where each setting and lock was set. */
export function explainReleaseText(release: ReleasePolicy, sources: ReleaseSources): string[] {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const lines = ['', `release rollout (${count(release.steps.length, 'step')}, ${count(release.metrics.length, 'metric')}, ${count(release.approvers.length, 'approver')})`];
  lines.push(...locksAt('release', sources.locks, '  '));
  release.steps.forEach((s, i) => lines.push(...block(`step ${i}${s.id ? ` ${s.id}` : ''}`, 'steps', `release.steps[${i}]`, s, sources)));
  release.metrics.forEach((m, i) => lines.push(...block(`metric ${m.name}`, 'metrics', `release.metrics[${i}]`, m, sources)));
  lines.push(...block('score', 'score', 'release.score', release.score, sources));
  lines.push(...block('limits', 'limits', 'release.limits', release.limits, sources));
  release.approvers.forEach((a, i) => lines.push(...block(`approver ${shown(a.name)}`, 'approvers', `release.approvers[${i}]`, a, sources)));
  return lines;
}
