/**
 * The hash of a decision record over its canonical JSON without `hash`: sha256 for an unkeyed
 * record (no `alg`, or `alg: "sha256"`), HMAC-SHA256 under the record key for a keyed one
 * (`alg: "hmac-sha256"` with the key's `keyId`). `alg` and `keyId` are hashed with the rest,
 * so neither can be changed without the hash failing.
 */
import { createHash, createHmac } from 'node:crypto';
import { PhasegateError } from '../../errors.js';
import { stableJson } from '../../io/json.js';
import type { RecordKey } from './key.js';
import type { DecisionRecord } from './types.js';

/** Whether `record` is keyed (its hash is an HMAC). */
export const isKeyed = (record: Pick<DecisionRecord, 'alg'>): boolean => record.alg === 'hmac-sha256';

/**
 * The hash of `record` (hex). A keyed record needs `key`, with the record's key id: otherwise
 * a PhasegateError (exit 2) says which key is missing.
 */
export function recordHash(record: Omit<DecisionRecord, 'hash'> | DecisionRecord, key?: RecordKey): string {
  const { hash: _hash, ...content } = record as DecisionRecord;
  const text = stableJson(content);
  if (!isKeyed(content)) return createHash('sha256').update(text).digest('hex');
  if (!key) {
    throw new PhasegateError({ message: `decision ${content.id} is keyed (hmac-sha256, key id ${content.keyId ?? 'none'}) and no record key is set; set PHASEGATE_RECORD_KEY or PHASEGATE_RECORD_KEY_FILE to that key` });
  }
  if (content.keyId !== key.id) {
    throw new PhasegateError({ message: `decision ${content.id} was keyed with key id ${content.keyId ?? 'none'}, but the record key set has id ${key.id}; set the key this chain was recorded with (docs/release-gate.md, key rotation)` });
  }
  return createHmac('sha256', key.secret).update(text).digest('hex');
}
