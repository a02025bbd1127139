/**
 * The file history store: append-only NDJSON in monthly partitions under one folder, every
 * operation under the folder's lock, each batch all-or-nothing through the append journal.
 * Layout and guarantees: docs/history-store.md.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { HistoryQuery, HistoryStore, StoreWarning } from '../port.js';
import type { HistoryRecord } from '../records.js';
import { compareCodePoints, recordMatcher, sortRecords } from '../order.js';
import { checkQuery, parseBound, serializeValidRecords } from '../validate.js';
import { appendLines, fsyncDir, removeTail, storeIoError } from './disk.js';
import { claimToken, currentToken, takenOver, testPause } from './fence.js';
import { IdIndex } from './ids.js';
import { beginBatch, endBatch, ownsBatch, recoverInterruptedBatch } from './journal.js';
import type { PartitionLine } from './lines.js';
import { recordLine } from './lines.js';
import { withLock, type LockSettings } from './lock.js';
import { listPartitions, monthRange, overlaps, partitionOf, readPartition } from './partitions.js';

/** The file adapter of the HistoryStore port. Open it with `openStore('file:DIR')`. */
export class FileHistoryStore implements HistoryStore {
  private ids = new IdIndex();
  private readonly seen = new Map<string, StoreWarning>();

  constructor(
    readonly dir: string,
    private readonly lock: LockSettings,
  ) {}

  /** Creates the store folder if needed. */
  static open(dir: string, lock: LockSettings): FileHistoryStore {
    try {
      mkdirSync(dir, { recursive: true });
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    } catch (err) {
      throw storeIoError(dir, 'create the folder of', err);
    }
    return new FileHistoryStore(dir, lock);
  }

  private readonly warn = (w: StoreWarning): void => {
    this.seen.set(`${w.where}\0${w.message}`, w);
  };

  /** Runs `fn` under the lock after rolling back any batch a stopped writer left; I/O errors become user errors. */
  private locked<T>(what: string, fn: () => T): Promise<T> {
    return withLock(this.dir, this.lock, () => {
      try {
        recoverInterruptedBatch(this.dir, this.warn);
        return fn();
      } catch (err) {
        throw storeIoError(this.dir, what, err);
      }
    });
  }

  /** Reads the partitions overlapping [fromMs, toMs), recording a warning for each bad line. */
  private read(fromMs?: number, toMs?: number): { name: string; lines: PartitionLine[] }[] {
    return listPartitions(this.dir)
      .filter((name) => overlaps(name, fromMs, toMs))
      .map((name) => {
        const lines = readPartition(this.dir, name);
        for (const l of lines) if (l.problem) this.warn({ where: `${path.join(this.dir, name)}:${l.no}`, message: l.problem });
        return { name, lines };
      });
  }

  async append(records: readonly HistoryRecord[]): Promise<number> {
    const lines = serializeValidRecords(records, recordLine);
    if (lines.length === 0) return 0;
    return this.locked('append to', () => {
      this.ids.refresh(this.dir, listPartitions(this.dir));
      const batch = new Map<string, { ids: string[]; text: string }>();
      const fresh = new Set<string>();
      records.forEach((r, i) => {
        if (fresh.has(r.id) || this.ids.has(r.id)) return;
        fresh.add(r.id);
        const name = partitionOf(r.time);
        const p = batch.get(name) ?? { ids: [], text: '' };
        p.ids.push(r.id);
        p.text += `${lines[i]}\n`;
        batch.set(name, p);
      });
      if (fresh.size > 0) this.writeBatch(batch);
      return fresh.size;
    });
  }

  /**
   * Journal, append, commit (claim the fencing token), end. If another process took the lock
   * over meanwhile (this one was paused past `staleMs`), the commit fails: this process's own
   * bytes are removed and a PhasegateError says nothing was written.
   */
  private writeBatch(batch: Map<string, { ids: string[]; text: string }>): void {
    const names = [...batch.keys()].sort();
    const sizes = Object.fromEntries(names.map((n) => [n, sizeOf(path.join(this.dir, n))]));
    const token = currentToken(this.dir) + 1;
    testPause('locked');
    if (!beginBatch(this.dir, sizes, token)) {
      this.ids = new IdIndex();
      throw takenOver(this.dir);
    }
    const written: { file: string; bytes: Buffer }[] = [];
    try {
      for (const name of names) {
        const p = batch.get(name)!;
        const result = appendLines(path.join(this.dir, name), p.text);
        written.push({ file: path.join(this.dir, name), bytes: result.written });
        this.ids.noteAppend(name, sizes[name]!, result, p.ids);
      }
    } catch (err) {
      // Roll back the partitions already written so that nothing of the batch remains.
      if (ownsBatch(this.dir, token)) recoverInterruptedBatch(this.dir, () => undefined);
      throw err;
    }
    testPause('written');
    if (!ownsBatch(this.dir, token) || !claimToken(this.dir, token, 'commit')) {
      for (const w of written.reverse()) removeTail(w.file, w.bytes);
      // The index noted this batch's ids as stored: forget it, so that a retry reads the partitions again.
      this.ids = new IdIndex();
      throw takenOver(this.dir);
    }
    testPause('committed');
    endBatch(this.dir, token);
  }

  async query(q: HistoryQuery): Promise<HistoryRecord[]> {
    const checked = checkQuery(q);
    const match = recordMatcher(checked);
    return this.locked('read', () => {
      const out: HistoryRecord[] = [];
      // id → the text of its first line: a later line with the same id is skipped, and warned about when it differs.
      const ids = new Map<string, string>();
      for (const { name, lines } of this.read(checked.fromMs, checked.toMs)) {
        for (const { no, text, record } of lines) {
          if (!record) continue;
          const first = ids.get(record.id);
          if (first !== undefined) {
            if (first !== text) this.warn({ where: `${path.join(this.dir, name)}:${no}`, message: `duplicate id ${record.id} with content that differs from its first record; skipped` });
            continue;
          }
          ids.set(record.id, text);
          if (match(record)) out.push(record);
        }
      }
      return sortRecords(out);
    });
  }

  async projects(): Promise<string[]> {
    return this.locked('read', () => {
      const names = new Set<string>();
      for (const { lines } of this.read()) for (const { record } of lines) if (record) names.add(record.project);
      return [...names].sort(compareCodePoints);
    });
  }

  async prune(before: string): Promise<number> {
    const beforeMs = parseBound(before, 'prune before');
    return this.locked('prune', () => {
      let removed = 0;
      for (const { name, lines } of this.read(undefined, beforeMs)) {
        const file = path.join(this.dir, name);
        const old = (l: PartitionLine): boolean => l.record !== undefined && Date.parse(l.record.time) < beforeMs;
        const gone = lines.filter(old).length;
        if (monthRange(name).endMs <= beforeMs) rmSync(file);
        else if (gone > 0) writeFileAtomic(file, lines.filter((l) => !old(l)).map((l) => `${l.text}\n`).join(''));
        removed += gone;
      }
      fsyncDir(this.dir);
      return removed;
    });
  }

  warnings(): StoreWarning[] {
    return [...this.seen.values()];
  }

  async close(): Promise<void> {
    // Nothing held between operations: each takes and releases the lock.
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
