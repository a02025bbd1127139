/**
 * Reads the commits a deployment brought (`record deployment --commits FILE`): one commit a
 * line, its sha and its commit time separated by blanks or a comma, as
 * `git log --format='%H %cI' PREVIOUS..DEPLOYED` prints them. Blank lines and `#` comments are
 * skipped. A commit without a time, or with a time that does not parse, is a located user error.
 */
import { PhasegateError, type Diagnostic } from '../errors.js';
import { parseInstant } from './defect-rows.js';
import { inputFile, readText } from './files.js';

export interface CommitTime {
  sha: string;
  time: Date;
}

const FIX = "write one commit a line as \"SHA TIME\", e.g. git log --format='%H %cI' PREVIOUS..DEPLOYED";

/** The commits of `file` (absolute or relative to `cwd`); throws one PhasegateError listing every bad line. */
export function loadDeployCommits(file: string, cwd?: string): CommitTime[] {
  const f = inputFile(file, cwd);
  const out: CommitTime[] = [];
  const bad: Diagnostic[] = [];
  readText(f).split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const [sha, ...rest] = text.split(/[\s,]+/);
    const when = rest.join(' ');
    const at = { file: f.shown, line: i + 1, col: 1 };
    if (when === '') bad.push({ ...at, message: `commit ${sha} has no time; ${FIX}` });
    else {
      const iso = parseInstant(when.replace(/ (?=[+-]\d{2}:?\d{2}$)/, ''));
      if (iso === undefined) bad.push({ ...at, message: `commit ${sha}: "${when}" is not an ISO-8601 date-time; ${FIX}` });
      else out.push({ sha: sha!, time: new Date(iso) });
    }
  });
  if (bad.length > 0) throw new PhasegateError(bad);
  if (out.length === 0) throw new PhasegateError({ file: f.shown, message: `no commit listed; ${FIX}` });
  return out;
}
