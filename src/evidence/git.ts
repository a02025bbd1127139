/**
 * What git says about the change: files changed since a base ref, lines added, and when a
 * file was last committed. Runs `git` as a child process; the core never links libgit.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PhasegateError } from '../errors.js';
import type { ChangedFile } from './types.js';

/** Added line numbers (new-file side) per cwd-relative path. */
export type AddedLines = Map<string, Set<number>>;

const MAX_OUTPUT = 1024 * 1024 * 1024;

function run(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT });
  if (r.error) throw new PhasegateError({ message: `cannot run git (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); install git or drop --base` });
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.trim().split('\n')[0] ?? '' };
}

/** Git facts for one working folder. */
export class GitRepo {
  private top: string | undefined;

  constructor(private readonly cwd: string) {}

  /** True when `cwd` is inside a git work tree. */
  isRepo(): boolean {
    return run(this.cwd, ['rev-parse', '--is-inside-work-tree']).ok;
  }

  private toplevel(): string {
    if (this.top === undefined) {
      const r = run(this.cwd, ['rev-parse', '--show-toplevel']);
      if (!r.ok) throw new PhasegateError({ message: `--base needs a git repository, but ${this.cwd} is not inside one` });
      this.top = r.out.trim();
    }
    return this.top;
  }

  /** A git path (relative to the top level) as a cwd-relative bundle path. */
  private local(p: string): string {
    return path.relative(this.cwd, path.join(this.toplevel(), p)).split(path.sep).join('/');
  }

  /** Throws a user error naming `base` unless it names a commit. */
  checkBase(base: string): void {
    this.toplevel();
    if (base.startsWith('-') || !run(this.cwd, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).ok) {
      throw new PhasegateError({ message: `--base ${base}: not a known git ref or commit; fetch it first (git fetch origin ${base}) or give an existing commit` });
    }
  }

  private diff(base: string, extra: string[]): string {
    const r = run(this.cwd, ['diff', '--no-color', '--no-ext-diff', ...extra, `${base}...HEAD`, '--']);
    if (!r.ok) throw new PhasegateError({ message: `--base ${base}: git diff failed (${r.err}); a shallow clone may need more history (fetch-depth: 0)` });
    return r.out;
  }

  /** Files changed between the merge base of `base` and HEAD, renames detected. */
  changedFiles(base: string): ChangedFile[] {
    const fields = this.diff(base, ['--name-status', '-M', '-z']).split('\0');
    const files: ChangedFile[] = [];
    for (let i = 0; i < fields.length - 1; ) {
      const status = fields[i++]!;
      const code = status[0];
      if (code === 'R' || code === 'C') {
        i++; // the old path
        files.push({ path: this.local(fields[i++]!), status: code === 'R' ? 'renamed' : 'added' });
      } else {
        files.push({ path: this.local(fields[i++]!), status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified' });
      }
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Lines added or changed since `base`, per file (from `git diff -U0`). */
  addedLines(base: string): AddedLines {
    const out: AddedLines = new Map();
    let current: Set<number> | undefined;
    for (const line of this.diff(base, ['-U0', '-M', '--src-prefix=a/', '--dst-prefix=b/']).split('\n')) {
      if (line.startsWith('+++ ')) {
        const target = unquote(line.slice(4));
        current = target === '/dev/null' ? undefined : new Set();
        if (current) out.set(this.local(target.replace(/^b\//, '')), current);
      } else if (current && line.startsWith('@@')) {
        const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
        if (!m) continue;
        const start = Number(m[1]);
        const count = m[2] === undefined ? 1 : Number(m[2]);
        for (let n = start; n < start + count; n++) current.add(n);
      }
    }
    return out;
  }

  /** Each changed file's path on the base side, renames followed: cwd-relative head path → top-level path; added files absent. */
  private basePaths(base: string): Map<string, string> {
    const fields = this.diff(base, ['--name-status', '-M', '-z']).split('\0');
    const out = new Map<string, string>();
    for (let i = 0; i < fields.length - 1; ) {
      const code = fields[i++]![0];
      if (code === 'R' || code === 'C') {
        const from = fields[i++]!;
        out.set(this.local(fields[i++]!), from);
      } else {
        const p = fields[i++]!;
        if (code !== 'A' && code !== 'D') out.set(this.local(p), p);
      }
    }
    return out;
  }

  /**
   * A reader of changed files as they were at the merge base of `base` and HEAD (what the diff
   * compares against): cwd-relative head path → the base version's bytes, undefined for a file
   * the change added.
   */
  baseVersions(base: string): (file: string) => Buffer | undefined {
    const mb = run(this.cwd, ['merge-base', base, 'HEAD']);
    if (!mb.ok) throw new PhasegateError({ message: `--base ${base}: git merge-base failed (${mb.err}); a shallow clone may need more history (fetch-depth: 0)` });
    const commit = mb.out.trim();
    const paths = this.basePaths(base);
    return (file) => {
      const from = paths.get(file);
      if (from === undefined) return undefined;
      const r = spawnSync('git', ['show', `${commit}:${from}`], { cwd: this.toplevel(), maxBuffer: MAX_OUTPUT });
      return r.status === 0 ? r.stdout : undefined;
    };
  }

  /** When the change's first commit (the oldest on HEAD not on `base`) was authored, as an ISO instant; undefined when HEAD adds none. */
  firstCommitTime(base: string): string | undefined {
    const r = run(this.cwd, ['log', '--reverse', '--format=%aI', `${base}..HEAD`]);
    const first = r.ok ? r.out.split('\n')[0]!.trim() : '';
    return first ? new Date(first).toISOString() : undefined;
  }

  /** The committer date (ISO) of the last commit that touched `file`, if any. */
  lastCommitDate(file: string): string | undefined {
    const r = run(this.cwd, ['log', '-1', '--format=%cI', '--', file]);
    const date = r.ok ? r.out.trim() : '';
    return date || undefined;
  }
}

/** Undoes git's C-style quoting of unusual paths ("a\tb"). */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p.replace(/\t$/, '');
  try {
    return JSON.parse(p.replace(/\\([0-7]{3})/g, (_, o: string) => `\\u00${parseInt(o, 8).toString(16).padStart(2, '0')}`)) as string;
  } catch {
    return p.slice(1, -1);
  }
}
