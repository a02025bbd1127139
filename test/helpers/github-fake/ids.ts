/**
 * Deterministic identities for the GitHub fake: numeric ids per kind, legacy node ids, git object
 * shas and a clock that moves one second per write, so that two runs answer byte for byte alike.
 */
import { createHash } from 'node:crypto';

/** Where each kind's ids start: GitHub-sized numbers, distinct per kind. */
const ID_BASES = {
  user: 1_000_001,
  repo: 700_000_001,
  pull: 1_800_000_001,
  comment: 2_100_000_001,
  review: 1_900_000_001,
  checkRun: 24_000_000_001,
  checkSuite: 22_000_000_001,
  artifact: 1_400_000_001,
  label: 5_000_000_001,
  app: 900_001,
  workflowRun: 9_000_000_001,
  team: 8_000_001,
} as const;

export type IdKind = keyof typeof ID_BASES;

export class Ids {
  private readonly next = new Map<IdKind, number>();

  /** The next id of a kind. */
  take(kind: IdKind): number {
    const id = this.next.get(kind) ?? ID_BASES[kind];
    this.next.set(kind, id + 1);
    return id;
  }
}

/** GitHub's legacy node id: base64 of `0<len>:<Type><id>` (e.g. `MDQ6VXNlcjE=` for user 1). */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** The git blob sha of some bytes. */
export function blobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A made-up commit sha, stable for a given seed text. */
export function fakeCommitSha(seed: string): string {
  return createHash('sha1').update(`commit ${seed}`).digest('hex');
}

/** A clock that starts at a fixed instant and moves one second each time it is read for a write. */
export class Clock {
  private ms: number;

  constructor(start = '2024-06-03T09:00:00Z') {
    this.ms = Date.parse(start);
    if (!Number.isFinite(this.ms)) throw new Error(`not an instant: ${start}`);
  }

  /** The current instant as GitHub writes it (`2024-06-03T09:00:00Z`). */
  now(): string {
    return new Date(this.ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Moves one second on and answers the new instant. */
  tick(): string {
    this.ms += 1000;
    return this.now();
  }

  /** An instant `days` after now (artifact expiry). */
  inDays(days: number): string {
    return new Date(this.ms + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}
