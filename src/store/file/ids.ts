/**
 * The ids already stored, per partition, kept in memory and caught up incrementally: under
 * the lock, only the bytes other writers appended since the last look are read.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { splitPartition } from './lines.js';

interface Entry {
  ino: number;
  /** Bytes read so far: always the end of a complete line. */
  offset: number;
  ids: Set<string>;
}

function readRange(file: string, start: number, end: number): Buffer {
  const buf = Buffer.alloc(end - start);
  const fd = openSync(file, 'r');
  try {
    for (let off = 0; off < buf.length; ) {
      const n = readSync(fd, buf, off, buf.length - off, start + off);
      if (n === 0) return buf.subarray(0, off);
      off += n;
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** Ids of the stored records of one store folder. Call `refresh` under the lock before use. */
export class IdIndex {
  private readonly parts = new Map<string, Entry>();

  /** Catches up with the partitions `names` of `dir` as they are now. */
  refresh(dir: string, names: readonly string[]): void {
    const keep = new Set(names);
    for (const name of [...this.parts.keys()]) if (!keep.has(name)) this.parts.delete(name);
    for (const name of names) this.catchUp(path.join(dir, name), name);
  }

  private catchUp(file: string, name: string): void {
    const st = statSync(file);
    let e = this.parts.get(name);
    // Rewritten (prune) or cut back (rollback): read it again from the start.
    if (!e || e.ino !== st.ino || st.size < e.offset) {
      e = { ino: st.ino, offset: 0, ids: new Set() };
      this.parts.set(name, e);
    }
    if (st.size === e.offset) return;
    const buf = readRange(file, e.offset, st.size);
    // A torn tail is left unread: once a later append ends it with a newline it is a line.
    const end = buf.lastIndexOf(0x0a) + 1;
    for (const line of splitPartition(buf.toString('utf8', 0, end))) if (line.record) e.ids.add(line.record.id);
    e.offset += end;
  }

  /** Whether a record with this id is stored. */
  has(id: string): boolean {
    for (const e of this.parts.values()) if (e.ids.has(id)) return true;
    return false;
  }

  /** Records this process's own append of `ids` to `name`, which grew from `from` to `size` bytes. */
  noteAppend(name: string, from: number, result: { size: number; ino: number }, ids: readonly string[]): void {
    const e = this.parts.get(name) ?? { ino: result.ino, offset: 0, ids: new Set<string>() };
    this.parts.set(name, e);
    // Only when nothing unread lay before the append; otherwise the next refresh reads it all.
    if (e.ino !== result.ino || e.offset !== from) return;
    for (const id of ids) e.ids.add(id);
    e.offset = result.size;
  }
}
