/**
 * Monthly partitions of the file store: `DIR/YYYY-MM.ndjson` holds the records whose `time`
 * falls in that UTC month.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitPartition, type PartitionLine } from './lines.js';

const PARTITION = /^(\d{4})-(\d{2})\.ndjson$/;

/** The partition file name for a record time (valid records are `YYYY-MM-DDT…Z`). */
export function partitionOf(time: string): string {
  return `${time.slice(0, 7)}.ndjson`;
}

/** Whether `name` is a partition file name. */
export function isPartition(name: string): boolean {
  return PARTITION.test(name);
}

/** The partition files of `dir`, oldest month first. */
export function listPartitions(dir: string): string[] {
  return readdirSync(dir).filter(isPartition).sort();
}

/** The UTC month a partition covers, as [start, end) in milliseconds. */
export function monthRange(name: string): { startMs: number; endMs: number } {
  const [, y, m] = PARTITION.exec(name)!;
  return { startMs: Date.UTC(Number(y), Number(m) - 1, 1), endMs: Date.UTC(Number(y), Number(m), 1) };
}

/** Whether the month of partition `name` overlaps [fromMs, toMs). */
export function overlaps(name: string, fromMs?: number, toMs?: number): boolean {
  const { startMs, endMs } = monthRange(name);
  return (fromMs === undefined || endMs > fromMs) && (toMs === undefined || startMs < toMs);
}

/** Reads and splits one partition file. */
export function readPartition(dir: string, name: string): PartitionLine[] {
  return splitPartition(readFileSync(path.join(dir, name), 'utf8'));
}
