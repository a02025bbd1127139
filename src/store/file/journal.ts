/**
 * The append journal that makes a batch all-or-nothing. Before a batch is written, the
 * size of each partition it touches is saved in `DIR/.append-journal.json` (atomically,
 * durably); once every partition is written and fsync'd, the journal is removed. If the
 * writer is stopped between the two, the next holder of the lock finds the journal and cuts
 * each partition back to its saved size: the half-written batch is rolled back, and its
 * writer never reported success.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { StoreWarning } from '../port.js';
import { fsyncDir, truncateTo } from './disk.js';
import { isPartition } from './partitions.js';

const JOURNAL = '.append-journal.json';

interface Journal {
  pid: number;
  /** Partition file name → its size in bytes before the batch. */
  sizes: Record<string, number>;
}

/** Saves the sizes of the partitions a batch is about to append to. */
export function beginBatch(dir: string, sizes: Record<string, number>): void {
  const journal: Journal = { pid: process.pid, sizes };
  writeFileAtomic(path.join(dir, JOURNAL), JSON.stringify(journal));
  fsyncDir(dir);
}

/** Marks the batch complete. */
export function endBatch(dir: string): void {
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
    return typeof j.pid === 'number' && typeof j.sizes === 'object' && j.sizes !== null ? j : 'corrupt';
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
    // The journal is written by rename, so this is not ours; leave the partitions alone.
    warn({ where: file, message: 'unreadable append journal removed; partitions left as they are' });
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
