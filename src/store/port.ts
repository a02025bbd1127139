/** The history store port: one interface, adapters chosen by URL (src/store/open.ts). */
import type { HistoryRecord, RecordKind } from './records.js';

/** The history store when neither --store nor PHASEGATE_STORE says otherwise. */
export const DEFAULT_STORE_URL = 'file:.phasegate/history';

export interface HistoryQuery {
  project?: string;
  kinds?: readonly RecordKind[];
  /** Inclusive lower bound on `time` (ISO). */
  from?: string;
  /** Exclusive upper bound on `time` (ISO). */
  to?: string;
}

/** Something a store noticed while reading, e.g. a torn last line it skipped. */
export interface StoreWarning {
  where: string;
  message: string;
  /** True for a completed repair (an unfinished append rolled back): no damage to the stored history. */
  recovered?: boolean;
}

export interface HistoryStore {
  /** Appends records atomically as one batch; a record whose id is already stored is skipped. Returns how many were new. */
  append(records: readonly HistoryRecord[]): Promise<number>;
  /** Records matching the query, ordered by time then id. */
  query(q: HistoryQuery): Promise<HistoryRecord[]>;
  /** Every project with at least one record, sorted. */
  projects(): Promise<string[]>;
  /** Removes records older than `before` (ISO); returns how many. */
  prune(before: string): Promise<number>;
  /** Problems seen while reading since the store was opened (torn or corrupt lines). */
  warnings(): StoreWarning[];
  close(): Promise<void>;
}
