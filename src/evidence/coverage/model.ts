/**
 * Coverage merged across files and reports: per source file, hits per line and covered /
 * total branches per line. Several reports for one file add their hits; branch counts take
 * the best report per line (reports of one run describe the same branches).
 */

/** Hits per line: a dense array for ordinary line numbers (cheap to fill from a 20 MB report), a map past them. */
export class LineHits {
  private static readonly DENSE = 1 << 20;
  private readonly dense: number[] = [];
  private readonly sparse = new Map<number, number>();
  /** Instrumented lines. */
  size = 0;

  add(line: number, hits: number): void {
    if (line < LineHits.DENSE) {
      const prev = this.dense[line];
      if (prev === undefined) this.size++;
      this.dense[line] = (prev ?? 0) + hits;
    } else {
      const prev = this.sparse.get(line);
      if (prev === undefined) this.size++;
      this.sparse.set(line, (prev ?? 0) + hits);
    }
  }

  get(line: number): number | undefined {
    return line < LineHits.DENSE ? this.dense[line] : this.sparse.get(line);
  }

  /** [line, hits] in line order. */
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    const dense = this.dense;
    for (let i = 0; i < dense.length; i++) {
      const h = dense[i];
      if (h !== undefined) yield [i, h];
    }
    yield* [...this.sparse].sort((a, b) => a[0] - b[0]);
  }

  /** Instrumented and hit line counts. */
  counts(): { lines: number; covered: number } {
    let covered = 0;
    for (const h of this.dense) if (h !== undefined && h > 0) covered++;
    for (const h of this.sparse.values()) if (h > 0) covered++;
    return { lines: this.size, covered };
  }
}

export interface FileCoverage {
  lines: LineHits;
  /** line → [covered, total] branches */
  branches: Map<number, [number, number]>;
}

/** Coverage of many files, keyed by normalised path. */
export class CoverageMap {
  readonly files = new Map<string, FileCoverage>();

  file(path: string): FileCoverage {
    let f = this.files.get(path);
    if (!f) {
      f = { lines: new LineHits(), branches: new Map() };
      this.files.set(path, f);
    }
    return f;
  }

  /** Records `hits` on `line` of `path` (summed with earlier reports). */
  line(path: string, line: number, hits: number): void {
    this.file(path).lines.add(line, hits);
  }

  /** Records branch counts on `line` of `path` (the best report wins). */
  branch(path: string, line: number, covered: number, total: number): void {
    const branches = this.file(path).branches;
    const prev = branches.get(line);
    if (!prev) branches.set(line, [covered, total]);
    else branches.set(line, [Math.max(prev[0], covered), Math.max(prev[1], total)]);
  }

  /** `coverage.line` and `coverage.branch` (percent, 2 decimals); absent when nothing was instrumented. */
  metrics(): Record<string, number> {
    let lines = 0, covered = 0, branches = 0, branchesCovered = 0;
    for (const f of this.files.values()) {
      const c = f.lines.counts();
      lines += c.lines;
      covered += c.covered;
      for (const [c, t] of f.branches.values()) {
        branches += t;
        branchesCovered += Math.min(c, t);
      }
    }
    const out: Record<string, number> = {};
    if (lines > 0) out['coverage.line'] = percent(covered, lines);
    if (branches > 0) out['coverage.branch'] = percent(branchesCovered, branches);
    return out;
  }
}

/** `part / whole` in percent, rounded to 2 decimals. */
export function percent(part: number, whole: number): number {
  return Math.round((part / whole) * 10000) / 100;
}
