/**
 * Code size: code lines (not blank, not comment) counted by cloc, of the source tree and of
 * the lines added or changed since --base (cloc --diff of each changed file against its base
 * version). Only languages counted as code add to `size.kloc` (by default
 * the `code` class of src/catalog/languages.ts; a policy's `settings.size` moves languages in
 * or out); every language cloc found is listed in the bundle's size table.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { languageClass } from '../catalog/languages.js';
import { PhasegateError } from '../errors.js';
import type { SizeSettings } from '../policy/types.js';
import type { AddedLines } from './git.js';
import { sourceFiles, type SourceFileOptions } from './size-files.js';
import type { SizeEvidence, SizeLanguage } from './types.js';

export { DEFAULT_EXCLUDE, REPORT_EXCLUDE, sourceFiles } from './size-files.js';

/** What code size measures and how. */
export interface SizeOptions extends SourceFileOptions {
  /** The policy's `settings.size`: languages moved into or out of the count, more paths left out. */
  settings?: SizeSettings;
}

type Languages = SizeSettings['languages'] | undefined;

/** A changed file's version at the base (cwd-relative path → bytes), undefined for a file the change added. */
export type BaseVersions = (file: string) => Buffer | Uint8Array | string | undefined;

interface ClocFile {
  code: number;
  comment: number;
  blank: number;
  language: string;
}

/** `size.<language>` segment: lower case, `+` → `p`, `#` → `sharp`, other runs of symbols → `-`. */
export function languageKey(language: string): string {
  return language.toLowerCase().replace(/\+/g, 'p').replace(/#/g, 'sharp').replace(/[^a-z0-9_]+/g, '-').replace(/^-|-$/g, '') || 'other';
}

/** Whether a language's code counts: its class, unless the settings name it. */
export function countsAsCode(language: string, languages: Languages): boolean {
  if (languages?.exclude.includes(language)) return false;
  if (languages?.include.includes(language)) return true;
  return languageClass(language) === 'code';
}

/** cloc's Perl script, from the installed `cloc` package; a bundle (a GitHub Action) has none. */
function clocScript(): string {
  try {
    return createRequire(import.meta.url).resolve('cloc/lib/cloc');
  } catch {
    throw new PhasegateError({ message: 'code size needs cloc, which this build of phasegate does not carry (a bundled action): run phasegate collect --source in a step and give the bundle as evidence' });
  }
}

/** Runs cloc over `files` (absolute) and returns code, comment and blank lines and the language per file. */
function cloc(files: string[], workDir: string): Map<string, ClocFile> {
  const out = new Map<string, ClocFile>();
  if (files.length === 0) return out;
  const list = path.join(workDir, 'files.txt');
  writeFileSync(list, files.join('\n') + '\n');
  const r = spawnSync('perl', [clocScript(), '--json', '--by-file', '--quiet', '--skip-uniqueness', `--list-file=${list}`], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    const why = r.error ? (r.error as NodeJS.ErrnoException).code : r.stderr.trim().split('\n')[0];
    throw new PhasegateError({ message: `--source: counting code lines with cloc failed (${why}); cloc needs perl on the PATH` });
  }
  if (!r.stdout.trim()) return out;
  const json = JSON.parse(r.stdout) as Record<string, Partial<ClocFile>>;
  for (const [file, v] of Object.entries(json)) {
    if (file === 'header' || file === 'SUM' || typeof v.code !== 'number' || typeof v.language !== 'string') continue;
    out.set(path.resolve(file), { code: v.code, comment: v.comment ?? 0, blank: v.blank ?? 0, language: v.language });
  }
  return out;
}

const kloc = (lines: number): number => Math.round(lines) / 1000;

/** The per-language table: counted languages first, then by code lines (most first), then by name. */
function languageTable(counted: Map<string, ClocFile>, languages: Languages): SizeLanguage[] {
  const rows = new Map<string, SizeLanguage>();
  for (const f of counted.values()) {
    let row = rows.get(f.language);
    if (!row) {
      row = { language: f.language, class: languageClass(f.language), counted: countsAsCode(f.language, languages), files: 0, code: 0, comment: 0, blank: 0 };
      rows.set(f.language, row);
    }
    row.files += 1;
    row.code += f.code;
    row.comment += f.comment;
    row.blank += f.blank;
  }
  return [...rows.values()].sort((a, b) => Number(b.counted) - Number(a.counted) || b.code - a.code || (a.language < b.language ? -1 : 1));
}

/**
 * `size.kloc` and `size.<language>.kloc` over the languages counted as code, `size.newKloc`
 * given the lines added since the base and the base versions of the changed files (the code
 * lines `cloc --diff` finds added or modified in counted files, comments recognised in context),
 * and the whole language table.
 */
export function measureSize(opts: SizeOptions, added?: AddedLines, baseOf: BaseVersions = () => undefined): { metrics: Record<string, number>; size: SizeEvidence } {
  const files = sourceFiles({ ...opts, exclude: [...(opts.exclude ?? []), ...(opts.settings?.exclude ?? [])] });
  const languages = opts.settings?.languages;
  const work = mkdtempSync(path.join(os.tmpdir(), 'phasegate-size-'));
  try {
    const found = cloc(files.map((f) => path.resolve(opts.cwd, f)), work);
    const table = languageTable(found, languages);
    const code = table.filter((r) => r.counted);
    const metrics: Record<string, number> = { 'size.kloc': kloc(code.reduce((n, r) => n + r.code, 0)) };
    for (const r of code) {
      const key = `size.${languageKey(r.language)}.kloc`;
      metrics[key] = kloc((metrics[key] ?? 0) * 1000 + r.code);
    }
    if (added) {
      const countedFiles = files.filter((f) => {
        const v = found.get(path.resolve(opts.cwd, f));
        return v !== undefined && countsAsCode(v.language, languages);
      });
      metrics['size.newKloc'] = kloc(newCode(opts.cwd, countedFiles, added, baseOf, work));
    }
    return { metrics, size: { languages: table } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * New and changed code lines of `files` (cwd-relative) counted the way `cloc --diff` counts the
 * head file against its base version: comments and blank lines are recognised in the context of
 * the whole file (a line added inside an existing doc comment is a comment), and the code lines
 * cloc finds added or modified are the new code. Files the change added count whole.
 */
function newCode(cwd: string, files: string[], added: AddedLines, baseOf: BaseVersions, work: string): number {
  const baseDir = path.join(work, 'base');
  const headDir = path.join(work, 'head');
  mkdirSync(baseDir, { recursive: true });
  let any = false;
  for (const rel of files) {
    if (!added.get(rel)?.size) continue;
    const head = path.join(headDir, rel);
    mkdirSync(path.dirname(head), { recursive: true });
    copyFileSync(path.resolve(cwd, rel), head);
    const before = baseOf(rel);
    if (before !== undefined) {
      const copy = path.join(baseDir, rel);
      mkdirSync(path.dirname(copy), { recursive: true });
      writeFileSync(copy, before);
    }
    any = true;
  }
  if (!any) return 0;
  const r = spawnSync('perl', [clocScript(), '--diff', baseDir, headDir, '--json', '--quiet', '--skip-uniqueness'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    const why = r.error ? (r.error as NodeJS.ErrnoException).code : r.stderr.trim().split('\n')[0];
    throw new PhasegateError({ message: `--source with --base: counting new code lines with cloc --diff failed (${why}); cloc needs perl on the PATH` });
  }
  if (!r.stdout.trim()) return 0;
  const sum = (JSON.parse(r.stdout) as { SUM?: Record<string, { code?: number }> }).SUM;
  return (sum?.added?.code ?? 0) + (sum?.modified?.code ?? 0);
}
