/** Waiver state at a given time: active, expiring soon, or expired. */
import type { Waiver } from '../policy/types.js';
import type { AppliedWaiver, WaiverNotice } from './types.js';

const DAY_MS = 86_400_000;

export type WaiverState = 'active' | 'expiring' | 'expired';

/** A waiver applies through the end of its expiry day (UTC). */
export function waiverState(w: Waiver, now: Date, warningDays: number): { state: WaiverState; daysLeft: number } {
  const end = Date.parse(`${w.expires}T23:59:59.999Z`);
  const daysLeft = Math.floor((end - now.getTime()) / DAY_MS);
  if (now.getTime() > end) return { state: 'expired', daysLeft };
  return { state: daysLeft < warningDays ? 'expiring' : 'active', daysLeft };
}

/** `file:line:col` of a waiver's definition. */
export const waiverSource = (w: Waiver): string => `${w.source.file}:${w.source.line}:${w.source.col}`;

/** The waiver as recorded in a verdict. */
export function applied(w: Waiver): AppliedWaiver {
  const a: AppliedWaiver = { rule: w.rule, reason: w.reason, owner: w.owner, approvers: [...w.approvers], expires: w.expires, source: waiverSource(w) };
  if (w.finding !== undefined) a.finding = w.finding;
  return a;
}

function notice(w: Waiver, level: WaiverNotice['level'], state: WaiverNotice['state'], message: string): WaiverNotice {
  const n: WaiverNotice = { level, rule: w.rule, state, expires: w.expires, message, source: waiverSource(w) };
  if (w.finding !== undefined) n.finding = w.finding;
  return n;
}

/** The notice a waiver's time state calls for, if any. */
export function timeNotice(w: Waiver, now: Date, warningDays: number): WaiverNotice | null {
  const { state, daysLeft } = waiverState(w, now, warningDays);
  const what = w.finding ? `waiver for ${w.rule} (finding ${w.finding})` : `waiver for ${w.rule}`;
  if (state === 'expired') return notice(w, 'warn', 'expired', `${what} expired on ${w.expires} and no longer applies; renew it (owner ${w.owner}) or fix the rule`);
  if (state === 'expiring') {
    const when = daysLeft <= 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
    return notice(w, 'warn', 'expiring', `${what} expires ${when} (${w.expires}); owner ${w.owner}`);
  }
  return null;
}

/** A notice for a waiver that matched nothing that needed waiving. */
export function unusedNotice(w: Waiver): WaiverNotice {
  return notice(w, 'info', 'unused', `waiver for ${w.rule}${w.finding ? ` (finding ${w.finding})` : ''} was not needed: the rule passes without it`);
}

/** A notice for a waiver that does not count because its approval could not be shown. */
export function unapprovedNotice(w: Waiver, reason: string): WaiverNotice {
  return notice(w, 'warn', 'unapproved', `waiver for ${w.rule}${w.finding ? ` (finding ${w.finding})` : ''} does not count: ${reason}`);
}
