/**
 * Issue 10 reproducers at process level (the built CLI): file options on FIFOs, devices and
 * folders, unusable store folders, strict dates and a safe --out. Each gives one line, exit 2,
 * no stack trace, at once (a FIFO is never waited on).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync, chmodSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STALE_TEMP_MS } from '../../src/io/atomic-write.js';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';

const EVIDENCE = JSON.stringify({ schemaVersion: 1, metrics: {}, items: [], documents: [], sources: [] });
const RUN = ['record', 'run', '--store', 'file:h', '--project', 'a', '--pipeline', 'ci', '--build', '1', '--commit', 'c', '--branch', 'main'];
const GATE = ['gate', '--phase', 'design', '--tier', 'operational', '--evidence', 'e.json'];

/** A project folder with a FIFO, an evidence bundle and a plain file. */
function project(): string {
  const dir = tempDir({ 'e.json': EVIDENCE, 'plain': 'x' });
  execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
  mkdirSync(path.join(dir, 'folder.json'));
  return dir;
}

function oneLine(args: string[], cwd: string, pattern: RegExp): void {
  const r = cli(args, { cwd });
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expectNoStack(r.stderr);
  expect(r.code).toBe(2);
}

describe('file options accept only regular files', () => {
  it.each([
    ['--evidence FIFO', [...RUN, '--evidence', 'pipe.json'], /^phasegate: pipe\.json: is a FIFO \(named pipe\), not a regular file; give a regular file$/m],
    ['--verdict FIFO', [...RUN, '--verdict', 'pipe.json'], /pipe\.json: is a FIFO/],
    ['--verdict device', [...RUN, '--verdict', '/dev/zero'], /\/dev\/zero: is a device, not a regular file/],
    ['--plan FIFO', ['metrics', '--store', 'file:h', '--project', 'a', '--plan', 'pipe.json'], /pipe\.json: is a FIFO/],
    ['--defects device', ['metrics', '--store', 'file:h', '--project', 'a', '--defects', '/dev/urandom'], /\/dev\/urandom: is a device/],
    ['--defects folder', ['metrics', '--store', 'file:h', '--project', 'a', '--defects', 'folder.json'], /folder\.json: is a folder, not a regular file/],
    ['--facts FIFO', ['collect', '--facts', 'pipe.json'], /pipe\.json: is a FIFO/],
    ['gate --evidence device', ['gate', '--phase', 'design', '--tier', 'operational', '--evidence', '/dev/zero'], /\/dev\/zero: is a device/],
  ])('%s: one line, exit 2', (_name, args, pattern) => oneLine(args, project(), pattern));
});

describe('the store folder is checked before any work', () => {
  it('file:/proc/nope is refused at once instead of spinning', () => {
    oneLine(['metrics', '--store', 'file:/proc/nope', '--project', 'a'], tempDir(), /^phasegate: \/proc\/nope: history store: cannot create the folder: .*\(ENOENT\)$/m);
  });
  it('a store path under a file is refused', () => {
    oneLine([...RUN.slice(0, 2), '--store', 'file:plain/h', ...RUN.slice(4)], project(), /plain\/h: history store: it \(or a folder above it\) is a file, not a folder/);
  });
});

describe('date/time options are strict', () => {
  it.each([
    ['--time', '2026-02-30T00:00:00Z', /^phasegate: --time 2026-02-30T00:00:00Z: 2026-02-30 is not a date \(2026-02 has 28 days\)$/m],
    ['--time', '2026-02-01T10:00', /--time 2026-02-01T10:00: .* has no time zone; add Z for UTC or an offset such as \+01:00/],
    ['--time', '2026-04-31', /2026-04-31 is not a date/],
    ['--time', '2026-01-01T24:00:00Z', /is not a time of day/],
    ['--time', '2026-01-01T10:00:00+25:00', /is not a time-zone offset/],
  ])('%s %s is refused in one line', (flag, value, pattern) => oneLine([...RUN, flag, value], tempDir(), pattern));

  it.each([
    ['metrics', '--as-of', ['metrics', '--store', 'file:h', '--project', 'a']],
    ['gate', '--now', GATE],
    ['record deployment', '--commit-time', ['record', 'deployment', '--store', 'file:h', '--project', 'a', '--version', '1', '--commit', 'c']],
    ['record incident', '--resolved', ['record', 'incident', '--store', 'file:h', '--project', 'a', '--severity', 'major']],
    ['forecast', '--due', ['forecast', '--store', 'file:h', '--project', 'a']],
    ['report', '--as-of', ['report', '--store', 'file:h', '--project', 'a']],
  ])('%s %s goes through the same parser', (_cmd, flag, args) => oneLine([...args, flag, '2026-02-29'], project(), new RegExp(`${flag} 2026-02-29: 2026-02-29 is not a date`)));

  it('an offset is honoured and a date means midnight UTC', () => {
    const dir = tempDir();
    expect(cli([...RUN, '--time', '2026-02-28T23:30:00+01:00'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'h', '2026-02.ndjson'), 'utf8')).toContain('"time":"2026-02-28T22:30:00.000Z"');
    expect(cli([...RUN.slice(0, -4), '--build', '2', '--commit', 'c', '--branch', 'main', '--time', '2028-02-29'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'h', '2028-02.ndjson'), 'utf8')).toContain('"time":"2028-02-29T00:00:00.000Z"');
  });
});

describe('--out replaces only a regular file', () => {
  it.each([
    ['a symbolic link', (dir: string) => symlinkSync(path.join(dir, 'plain'), path.join(dir, 'out.txt')), /out\.txt: is a symbolic link; phasegate replaces only regular files/],
    ['a FIFO', (dir: string) => execFileSync('mkfifo', [path.join(dir, 'out.txt')]), /out\.txt: is a FIFO \(named pipe\); phasegate replaces only regular files/],
    ['a folder', (dir: string) => mkdirSync(path.join(dir, 'out.txt')), /out\.txt: is a folder; phasegate replaces only regular files/],
  ])('refuses %s at the path and leaves it alone', (_name, make, pattern) => {
    const dir = project();
    make(dir);
    const before = lstatSync(path.join(dir, 'out.txt'));
    oneLine([...GATE, '--out', 'out.txt'], dir, pattern);
    const after = lstatSync(path.join(dir, 'out.txt'));
    expect([after.mode, after.ino]).toEqual([before.mode, before.ino]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a path under a file with one line (no stack trace)', () => {
    oneLine([...GATE, '--out', 'plain/out.txt'], project(), /^phasegate: plain\/out\.txt: cannot write the file: a part of the path is a file, not a folder; fix the path \(ENOTDIR\)$/m);
  });

  it('removes what a writer killed with SIGKILL left, once its process is gone and the file is old', () => {
    const dir = project();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    const leftovers = {
      stale: `.out.txt.${dead.stdout}.${old.getTime()}.tmp`, // gone and old: removed
      fresh: `.out.txt.${dead.stdout}.${Date.now()}.tmp`, // gone but new: maybe another machine's on a shared disk
      alive: `.out.txt.${process.pid}.${old.getTime()}.tmp`, // its writer runs
      other: `.other.txt.${dead.stdout}.${old.getTime()}.tmp`, // another file's
    };
    for (const name of Object.values(leftovers)) writeFileSync(path.join(dir, name), 'half');
    for (const name of [leftovers.stale, leftovers.alive, leftovers.other]) utimesSync(path.join(dir, name), old, old);
    expect(cli([...GATE, '--out', 'out.txt'], { cwd: dir }).code).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')).sort()).toEqual([leftovers.fresh, leftovers.alive, leftovers.other].sort());
  });

  it('keeps the mode of the file it replaces', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'out.txt'), 'old');
    chmodSync(path.join(dir, 'out.txt'), 0o600);
    expect(cli([...GATE, '--out', 'out.txt'], { cwd: dir }).code).toBe(1);
    expect(statSync(path.join(dir, 'out.txt')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toContain('design');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
