/**
 * PostgreSQL failures the driver reports without a SQLSTATE: TLS refused or unreadable TLS
 * files, a password the server asks for and the URL does not give, and any other error the
 * driver raises. Each becomes one line naming the server and the fix, never a stack trace.
 */
import { PhasegateError } from '../../errors.js';

/** The parts of the URL these messages need (see `pgTarget`). */
export interface PgTlsTarget {
  where: string;
  user: string;
  sslmode?: string;
  /** URL parameter name per TLS file path (`sslcert`, `sslkey`, `sslrootcert`). */
  tlsFiles: Record<string, string>;
}

const CERT_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/** A one-line cut of a driver message (the first line, at most 200 characters). */
function firstLine(msg: string): string {
  const line = msg.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * The PhasegateError for a driver-side failure, or undefined when `err` looks like a bug
 * (TypeError, RangeError, …: those keep their stack).
 */
export function clientSideError(err: unknown, t: PgTlsTarget, code: string | undefined): PhasegateError | undefined {
  if (!(err instanceof Error)) return undefined;
  const say = (message: string): PhasegateError => new PhasegateError({ message });
  const msg = err.message;
  const file = (err as NodeJS.ErrnoException).path;
  if (file && (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM')) {
    const param = t.tlsFiles[file] ?? 'a TLS file parameter';
    return say(`cannot read ${file}, the ${param} of the history store URL (${code}); fix the path in the URL or make the file readable`);
  }
  if (/server does not support SSL/i.test(msg)) {
    return say(`${t.where} does not accept SSL connections, but the URL asks for SSL (sslmode=${t.sslmode ?? 'require'}); enable SSL on the server, or leave sslmode out of the URL only on a trusted network`);
  }
  if (/SASL|SCRAM|password must be a string|password authentication/i.test(msg)) {
    return say(`${t.where} asks user ${t.user} for a password and none was given; put it in the URL (postgres://USER:PASSWORD@HOST/DB, percent-encoded), in PGPASSWORD, or give the whole URL in PHASEGATE_STORE to keep it off the command line`);
  }
  if (code && CERT_CODES.test(code)) {
    return say(`${t.where}: the server's TLS certificate was refused (${code}); give sslrootcert=FILE with its CA in the URL, or fix the host name`);
  }
  if (err.constructor !== Error && !code) return undefined;
  return say(`${t.where}: ${firstLine(msg)}${code ? ` (${code})` : ''}; check the history store URL and the server`);
}
