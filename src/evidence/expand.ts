/**
 * Report globs: every file read once (deduplicated by real path, so a file reached through a
 * symbolic link or matched by two globs is not counted twice), and a glob that matches nothing
 * says what it did find that is not a readable regular file.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { PhasegateError } from '../errors.js';
import { requirePicomatch, requireTinyglobby } from '../io/require.js';
import { displayPath, ioError } from './files.js';
import { ALWAYS_IGNORED } from './paths.js';

/** Entries the second look at a glob that matched nothing visits at most. */
const MAX_LOOK = 20_000;
/** Problems named in one message at most. */
const MAX_NAMED = 3;

/**
 * Files matched by `globs` (absolute, sorted), each real file once: the first path that
 * reaches it (in glob order, then sorted order) is kept. `seen` (real paths) may be shared by
 * several calls so that files are also read once across them. A glob matching nothing is an
 * error unless allowed, naming what it found instead; `flag` names the input and `allowHint`
 * says what allows an empty match ('' when nothing does).
 */
export function expand(globs: string[], flag: string, cwd: string, allowEmpty: boolean, seen = new Set<string>(), allowHint = 'pass --allow-empty'): string[] {
  const files: string[] = [];
  const { globSync } = requireTinyglobby();
  for (const glob of globs) {
    const matched = globSync(glob, { cwd, absolute: true, onlyFiles: true, dot: true, ignore: ALWAYS_IGNORED, expandDirectories: false }).map((f) => path.resolve(f)).sort();
    if (matched.length === 0 && !allowEmpty) {
      const found = secondLook(glob, cwd);
      const what = found.length > 0 ? `no regular file matches; found ${found.join(', ')}; give readable regular files` : 'no file matches; check the path and quoting';
      throw new PhasegateError({ message: `${flag} ${glob}: ${what}${allowHint ? `, or ${allowHint}` : ''}` });
    }
    for (const f of matched) {
      const shown = displayPath(f, cwd);
      let real: string;
      try {
        real = realpathSync(f);
        const st = statSync(real);
        if (!st.isFile()) throw new PhasegateError({ file: shown, message: `${kindOf(st)}, not a regular file; give the report file itself` });
      } catch (err) {
        throw err instanceof PhasegateError ? err : ioError(shown, err);
      }
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(f);
    }
  }
  return files.sort();
}

/** What a non-regular file is, for messages. */
function kindOf(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a folder';
  return 'not a file';
}

/**
 * The entries under the glob's fixed leading folder that match it but that the glob skips
 * silently (FIFOs, sockets, devices, symbolic links to nothing), and folders it could not read.
 * Bounded: at most MAX_LOOK entries are visited.
 */
function secondLook(glob: string, cwd: string): string[] {
  const { isDynamicPattern } = requireTinyglobby();
  const segments = glob.split('/');
  const fixed: string[] = [];
  for (const s of segments) {
    if (isDynamicPattern(s)) break;
    fixed.push(s);
  }
  const literal = fixed.length === segments.length;
  const found: string[] = [];
  const note = (abs: string, why: string): void => {
    if (found.length < MAX_NAMED) found.push(`${displayPath(abs, cwd)} (${why})`);
  };
  const problem = (abs: string): string | undefined => {
    let st;
    try {
      st = lstatSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'EACCES' || code === 'EPERM' ? 'permission denied on a folder in its path' : undefined;
    }
    if (st.isSymbolicLink()) {
      try {
        statSync(abs);
        return undefined;
      } catch {
        return `a symbolic link to ${readlinkSync(abs)}, which does not exist`;
      }
    }
    return st.isFile() || (st.isDirectory() && !literal) ? undefined : kindOf(st);
  };
  if (literal) {
    const why = problem(path.resolve(cwd, glob));
    if (why) note(path.resolve(cwd, glob), why);
    return found;
  }
  const base = path.resolve(cwd, fixed.join('/') || '.');
  const picomatch = requirePicomatch();
  const absolute = path.isAbsolute(glob);
  const matches = picomatch(glob, { dot: true });
  const ignored = picomatch(ALWAYS_IGNORED, { dot: true });
  const stack = [base];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_LOOK && found.length < MAX_NAMED) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM') note(dir, 'a folder that cannot be read: permission denied; make it readable');
      continue;
    }
    for (const e of entries) {
      if (++visited > MAX_LOOK) break;
      const abs = path.join(dir, e.name);
      const rel = absolute ? abs.split(path.sep).join('/') : path.relative(cwd, abs).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (!ignored(`${rel}/x`)) stack.push(abs);
      }
      else if (!e.isFile() && matches(rel)) {
        const why = problem(abs);
        if (why) note(abs, why);
      }
    }
  }
  return found;
}
