/**
 * The NDJSON line format of the file store: one record a line, keys sorted (byte-identical
 * for equal records), and a reader that survives torn and corrupt lines.
 */
import { configure } from 'safe-stable-stringify';
import type { HistoryRecord } from '../records.js';

const stringify = configure({ deterministic: true, strict: true, circularValue: Error, bigint: false });

/** One record as one line of JSON with sorted keys, without the newline. */
export function recordLine(r: HistoryRecord): string {
  return stringify(r) as string;
}

/** A non-empty line of a partition: its record, or the reason it has none. */
export interface PartitionLine {
  /** 1-based line number within the text read. */
  no: number;
  text: string;
  record?: HistoryRecord;
  problem?: string;
}

function asRecord(text: string): HistoryRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'corrupt line (not complete JSON, e.g. left by a writer stopped mid-append); skipped';
  }
  const r = value as Partial<Record<'id' | 'project' | 'time' | 'kind', unknown>> | null;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return 'line is not a JSON object; skipped';
  const ok = typeof r.id === 'string' && typeof r.project === 'string' && typeof r.kind === 'string' && typeof r.time === 'string' && !Number.isNaN(Date.parse(r.time));
  return ok ? (value as HistoryRecord) : 'line lacks a string id, project, kind or a valid time; skipped';
}

/**
 * Splits partition text into its non-empty lines and parses each. A last line without a
 * newline is a torn append (the writer was stopped mid-write): reported, never parsed,
 * even when it happens to be valid JSON, since its writer did not finish.
 */
export function splitPartition(text: string): PartitionLine[] {
  const out: PartitionLine[] = [];
  const parts = text.split('\n');
  const last = parts.length - 1;
  parts.forEach((part, i) => {
    if (part === '') return;
    const no = i + 1;
    if (i === last) {
      out.push({ no, text: part, problem: 'incomplete last line (a writer was stopped mid-append); skipped' });
      return;
    }
    const parsed = asRecord(part);
    out.push(typeof parsed === 'string' ? { no, text: part, problem: parsed } : { no, text: part, record: parsed });
  });
  return out;
}
