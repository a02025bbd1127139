/**
 * The record key: an HMAC key from the environment that makes each decision record's hash an
 * HMAC-SHA256, so that nobody without the key can append (or rewrite) a record that verifies.
 * `PHASEGATE_RECORD_KEY` holds the key itself; `PHASEGATE_RECORD_KEY_FILE` names a file that
 * holds it (a CI secret mounted as a file). Records carry the key's id, never the key.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { PhasegateError } from '../../errors.js';

/** A record key and its public id (the first 16 hex digits of a sha256 of the key, domain-separated). */
export interface RecordKey {
  id: string;
  secret: Buffer;
}

/** Fewer bytes than this is not a key but a password: refused. */
export const MIN_KEY_BYTES = 16;
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** The key id of `secret`: safe to store and print. */
export function keyId(secret: Buffer): string {
  return createHash('sha256').update('phasegate-record-key\0').update(secret).digest('hex').slice(0, 16);
}

/** A RecordKey from raw key text (surrounding whitespace, e.g. a file's newline, is ignored). */
export function recordKeyOf(text: string, source: string): RecordKey {
  const secret = Buffer.from(text.trim(), 'utf8');
  if (secret.length < MIN_KEY_BYTES) {
    throw new PhasegateError({ message: `${source} is shorter than ${MIN_KEY_BYTES} bytes; use a random key, e.g. the output of openssl rand -hex 32` });
  }
  return { id: keyId(secret), secret };
}

/**
 * The record key the environment gives, or undefined when it gives none. Throws a
 * PhasegateError when both variables are set, or the key file is not a readable regular file
 * of at most 64 KiB. Never quotes the key or the file's content.
 */
export function recordKeyFromEnv(env: NodeJS.ProcessEnv = process.env): RecordKey | undefined {
  const inline = env.PHASEGATE_RECORD_KEY;
  const file = env.PHASEGATE_RECORD_KEY_FILE;
  if (inline && file) throw new PhasegateError({ message: 'both PHASEGATE_RECORD_KEY and PHASEGATE_RECORD_KEY_FILE are set; set only one' });
  if (inline) return recordKeyOf(inline, 'PHASEGATE_RECORD_KEY');
  if (!file) return undefined;
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new PhasegateError({ file, message: 'PHASEGATE_RECORD_KEY_FILE must name a regular file holding the key' });
    if (st.size > MAX_KEY_FILE_BYTES) throw new PhasegateError({ file, message: 'PHASEGATE_RECORD_KEY_FILE is larger than 64 KiB; it must hold only the key' });
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof PhasegateError) throw err;
    throw new PhasegateError({ file, message: `cannot read PHASEGATE_RECORD_KEY_FILE (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path and its permissions` });
  }
  return recordKeyOf(text, `the key in PHASEGATE_RECORD_KEY_FILE`);
}
