/**
 * Path normalisation: every path in the bundle is relative to the working folder with
 * forward slashes, whatever machine or folder wrote the report. Paths that do not exist as
 * given (absolute paths from another machine, JaCoCo package paths) are matched by their
 * longest trailing segments against the files under the source root.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { requireTinyglobby } from '../io/require.js';
import { detach } from './files.js';

/** Longer report paths name no file (Linux PATH_MAX): they are kept, never looked up. */
const MAX_PATH = 4096;

/** Folders never searched when matching report paths to source files. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

const toPosix = (p: string): string => p.replace(/\\/g, '/');

/**
 * `path.posix.normalize` in linear time, without a leading `./`: Node's own is quadratic in a
 * run of `..` segments (50,000 `../` took 1.5 s, 100,000 took 16 s), and report paths are
 * attacker-controlled.
 */
export function normalizePosix(p: string): string {
  const absolute = p.startsWith('/');
  const out: string[] = [];
  let up = 0; // leading `..` segments of a relative path, counted rather than stored
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.length > 0) out.pop();
    else if (!absolute) up++;
  }
  const body = out.join('/');
  if (absolute) return `/${body}`;
  const head = '../'.repeat(up);
  return body ? head + body : head.slice(0, -1) || '.';
}

/** `path.posix.join` in linear time. */
const joinPosix = (base: string, name: string): string => normalizePosix(base ? `${base}/${name}` : name);

export class PathResolver {
  private index: Map<string, string[]> | undefined;
  private readonly memo = new Map<string, string>();

  /** `cwd` and `root` (the source root, default cwd) are absolute. */
  constructor(
    private readonly cwd: string,
    private readonly root: string = cwd,
  ) {}

  /** The bundle path of `raw`, a path as a report wrote it. */
  normalise(raw: string): string {
    let out = this.memo.get(raw);
    if (out === undefined) {
      out = detach(this.compute(toPosix(raw.trim())));
      this.memo.set(detach(raw), out);
    }
    return out;
  }

  /** The bundle path of `filename` relative to one of `bases` (Cobertura `<sources>`). */
  resolveAmong(bases: string[], filename: string): string {
    const name = toPosix(filename);
    for (const base of bases) {
      const joined = joinPosix(toPosix(base), name);
      const abs = path.resolve(this.cwd, joined);
      if (existsSync(abs)) return this.relative(abs);
    }
    return this.normalise(bases.length > 0 && !path.posix.isAbsolute(name) ? joinPosix(toPosix(bases[0]!), name) : name);
  }

  private compute(p: string): string {
    // No file system has a path this long: no lookup, only the linear clean-up.
    if (p.length > MAX_PATH) return normalizePosix(p);
    const windowsAbs = /^[A-Za-z]:\//.test(p);
    if (path.posix.isAbsolute(p) && !windowsAbs) {
      if (existsSync(p)) return this.relative(p);
    } else if (!windowsAbs) {
      const clean = normalizePosix(p);
      for (const base of [this.cwd, this.root]) {
        const abs = path.resolve(base, clean);
        if (existsSync(abs)) return this.relative(abs);
      }
      return this.bySuffix(clean) ?? clean;
    }
    return this.bySuffix(p) ?? p;
  }

  private relative(abs: string): string {
    const rel = toPosix(path.relative(this.cwd, abs));
    return rel.startsWith('../') || path.isAbsolute(rel) ? toPosix(abs) : rel;
  }

  /** The unique source file sharing the most trailing segments (at least the file name) with `p`. */
  private bySuffix(p: string): string | undefined {
    const segments = p.split('/').filter(Boolean);
    const base = segments[segments.length - 1];
    if (!base) return undefined;
    const candidates = this.files().get(base) ?? [];
    let best: string[] = [];
    let bestScore = 0;
    for (const c of candidates) {
      const cs = c.split('/');
      let score = 0;
      while (score < cs.length && score < segments.length && cs[cs.length - 1 - score] === segments[segments.length - 1 - score]) score++;
      if (score > bestScore) {
        bestScore = score;
        best = [c];
      } else if (score === bestScore) best.push(c);
    }
    // A bare file name matching several files is ambiguous: keep the report's path.
    return best.length === 1 ? best[0] : undefined;
  }

  private files(): Map<string, string[]> {
    if (!this.index) {
      this.index = new Map();
      for (const f of requireTinyglobby().globSync('**/*', { cwd: this.root, ignore: ALWAYS_IGNORED, onlyFiles: true, dot: false }).sort()) {
        const rel = this.relative(path.resolve(this.root, f));
        const base = rel.slice(rel.lastIndexOf('/') + 1);
        const list = this.index.get(base);
        if (list) list.push(rel);
        else this.index.set(base, [rel]);
      }
    }
    return this.index;
  }
}
