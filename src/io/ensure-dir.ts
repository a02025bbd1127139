/**
 * Creates a folder and its missing parents one level at a time, with a bounded number of
 * steps. `mkdirSync(dir, { recursive: true })` loops forever (100 % CPU, deaf to SIGTERM) on
 * paths such as /proc/nope, where mkdir answers ENOENT for a parent that exists.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { errnoCode } from './fs-errors.js';

function fsError(code: string, dir: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${dir}`), { code, path: dir });
}

/**
 * Makes sure `dir` (absolute) is a folder, creating it and its missing parents. Throws the fs
 * error (with its `code`, ENOTDIR when a part of the path is a file) when it cannot.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw fsError('ENOTDIR', at);
      break;
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
      const up = path.dirname(at);
      if (up === at) throw err;
      missing.push(at);
      at = up;
    }
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST' || !statSync(d).isDirectory()) throw err;
    }
  }
}
