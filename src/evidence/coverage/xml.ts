/** Cobertura XML (`<coverage>` root) and JaCoCo XML (`<report>` root) as streaming visitors. */
import { TEXT_CAP } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import type { CoverageMap } from './model.js';

const int = (v: string | undefined): number => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
};

/**
 * Cobertura: `class filename` is relative to one of `<sources>`; `resolve(sources, filename)`
 * picks the bundle path. Lines inside `<methods>` repeat the class lines and are skipped.
 */
export function coberturaVisitor(map: CoverageMap, resolve: (sources: string[], filename: string) => string): XmlVisitor {
  const sources: string[] = [];
  let source: string | undefined;
  let current: string | undefined;
  let inMethods = false;
  return {
    open(name, attrs) {
      if (name === 'source') {
        source = '';
        return true;
      }
      if (name === 'class') current = resolve(sources, attrs.filename ?? attrs.name ?? '');
      else if (name === 'methods') inMethods = true;
      else if (name === 'line' && current && !inMethods) {
        const line = int(attrs.number);
        if (line === 0) return;
        map.line(current, line, int(attrs.hits));
        const cond = /\((\d+)\/(\d+)\)/.exec(attrs['condition-coverage'] ?? '');
        if (attrs.branch === 'true' && cond) map.branch(current, line, Number(cond[1]), Number(cond[2]));
      }
    },
    text(chunk) {
      if (source !== undefined && source.length < TEXT_CAP) source += chunk;
    },
    close(name) {
      if (name === 'source' && source !== undefined) {
        if (source.trim()) sources.push(source.trim());
        source = undefined;
      } else if (name === 'methods') inMethods = false;
      else if (name === 'class') current = undefined;
    },
  };
}

/** JaCoCo: `package name` + `sourcefile name` (e.g. `com/acme/Foo.java`), resolved by `resolve`. */
export function jacocoVisitor(map: CoverageMap, resolve: (relative: string) => string): XmlVisitor {
  let pkg = '';
  let current: string | undefined;
  return {
    open(name, attrs) {
      if (name === 'package') pkg = attrs.name ?? '';
      else if (name === 'sourcefile') current = resolve(pkg ? `${pkg}/${attrs.name ?? ''}` : (attrs.name ?? ''));
      else if (name === 'line' && current) {
        const line = int(attrs.nr);
        const missed = int(attrs.mi), covered = int(attrs.ci);
        if (line === 0 || missed + covered === 0) return;
        map.line(current, line, covered > 0 ? 1 : 0);
        const mb = int(attrs.mb), cb = int(attrs.cb);
        if (mb + cb > 0) map.branch(current, line, cb, mb + cb);
      }
    },
    close(name) {
      if (name === 'sourcefile') current = undefined;
      else if (name === 'package') pkg = '';
    },
  };
}
