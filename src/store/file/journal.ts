/**
 * The append journal that makes a batch all-or-nothing. Before a batch is written, the
 * size of each partition it touches is saved in `DIR/.append-journal.json` (atomically,
 * durably); once every partition is written and fsync'd, the journal is removed. If the
 * writer is stopped between the two, the next holder of the lock finds the journal and cuts
 * each partition back to its saved size: the half-written batch is rolled back, and its
 * writer never reported success. The journal also holds the batch's fencing token
 * (src/store/file/fence.ts): a batch whose token was claimed as `commit` is complete and kept;
 * otherwise the token is claimed as `abort` before the rollback, so a writer that was only
 * paused finds at its commit that it lost the lock, and writes nothing.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StoreWarning } from '../port.js';
import { createExclusive, fsyncDir, truncateTo } from './disk.js';
import { claimToken, tokenState } from './fence.js';
import { isPartition } from './partitions.js';

const JOURNAL = '.append-journal.json';

interface Journal {
  pid: number;
  /** The fencing token the batch commits with (absent in journals of earlier versions). */
  token?: number;
  /** Partition file name → its size in bytes before the batch. */
  sizes: Record<string, number>;
}

/**
 * Saves the sizes of the partitions a batch is about to append to, and the token it will
 * commit with. The journal is created only if none exists: false when one does (another
 * process's batch is under way, so this one no longer holds the lock).
 */
export function beginBatch(dir: string, sizes: Record<string, number>, token: number): boolean {
  const journal: Journal = { pid: process.pid, token, sizes };
  return createExclusive(path.join(dir, JOURNAL), JSON.stringify(journal));
}

/** Whether the journal is still this process's for `token` (no other process rolled the batch back). */
export function ownsBatch(dir: string, token: number): boolean {
  const j = readJournal(path.join(dir, JOURNAL));
  return typeof j === 'object' && j.pid === process.pid && j.token === token;
}

/** Marks the batch complete: removes the journal if it is still this batch's. */
export function endBatch(dir: string, token: number): void {
  if (!ownsBatch(dir, token)) return;
  rmSync(path.join(dir, JOURNAL), { force: true });
  fsyncDir(dir);
}

function readJournal(file: string): Journal | undefined | 'corrupt' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const j = JSON.parse(text) as Journal;
    const tokenOk = j.token === undefined || Number.isSafeInteger(j.token);
    return typeof j.pid === 'number' && tokenOk && typeof j.sizes === 'object' && j.sizes !== null ? j : 'corrupt';
  } catch {
    return 'corrupt';
  }
}

function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

/** Rolls back a batch whose writer was stopped, if the journal says there is one. Call under the lock. */
export function recoverInterruptedBatch(dir: string, warn: (w: StoreWarning) => void): void {
  const file = path.join(dir, JOURNAL);
  const journal = readJournal(file);
  if (journal === undefined) return;
  if (journal === 'corrupt') {
    // The journal is created whole (an fsync'd file linked into place), so this is not ours; leave the partitions alone.
    warn({ where: file, message: 'unreadable append journal removed; partitions left as they are' });
  } else if (journal.token !== undefined && !claimToken(dir, journal.token, 'abort') && tokenState(dir, journal.token) === 'commit') {
    // Its writer committed and was stopped (or paused) before removing the journal: the batch is whole.
  } else {
    for (const [name, size] of Object.entries(journal.sizes)) {
      const partition = path.join(dir, name);
      const now = isPartition(name) && Number.isSafeInteger(size) && size >= 0 ? fileSize(partition) : undefined;
      if (now === undefined || now <= size) continue;
      truncateTo(partition, size);
      warn({ where: partition, message: `rolled back ${now - size} bytes of an append that process ${journal.pid} did not finish (it was stopped mid-write)`, recovered: true });
    }
  }
  rmSync(file, { force: true });
  fsyncDir(dir);
}
