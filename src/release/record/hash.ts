/** The content hash of a decision record: sha256 of its canonical JSON without `hash`. */
import { createHash } from 'node:crypto';
import { stableJson } from '../../io/json.js';
import type { DecisionRecord } from './types.js';

/** sha256 (hex) of stableJson(record without `hash`): sorted keys, so key order never matters. */
export function recordHash(record: Omit<DecisionRecord, 'hash'> | DecisionRecord): string {
  const { hash: _hash, ...content } = record as DecisionRecord;
  return createHash('sha256').update(stableJson(content)).digest('hex');
}
