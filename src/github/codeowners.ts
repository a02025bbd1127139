/**
 * CODEOWNERS as GitHub reads it (docs: "About code owners"): the first of `.github/CODEOWNERS`,
 * `CODEOWNERS` and `docs/CODEOWNERS`; for each file, the last matching line names its owners
 * (`@user`, `@org/team`; e-mail owners are not GitHub logins and are left out). Patterns follow
 * GitHub's subset of gitignore: a leading or inner `/` anchors at the root, otherwise a pattern
 * matches at any depth; a trailing `/` means what is inside the folder; a last segment without
 * wildcards also names a folder's contents; `docs/*` does not reach into `docs/a/b`.
 */
import picomatch from 'picomatch';

export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface OwnerRule {
  line: number;
  owners: string[];
  match: (path: string) => boolean;
}

/** The globs a CODEOWNERS pattern stands for. */
export function globsOf(pattern: string): string[] {
  let p = pattern;
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const folder = p.endsWith('/');
  if (folder) p = p.slice(0, -1);
  const base = anchored || p.startsWith('**/') ? p : `**/${p}`;
  if (folder) return [`${base}/**`];
  const last = p.slice(p.lastIndexOf('/') + 1);
  return /[*?[]/.test(last) ? [base] : [base, `${base}/**`];
}

export function parseCodeowners(text: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/) as [string, ...string[]];
    const isMatch = picomatch(globsOf(pattern), { dot: true });
    rules.push({ line: i + 1, owners: owners.filter((o) => o.startsWith('@')).map((o) => o.slice(1)), match: (p) => isMatch(p) });
  });
  return rules;
}

/** The owners of `path`: those of the last rule that matches it (none when that rule lists none). */
export function ownersOf(rules: readonly OwnerRule[], path: string): string[] {
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.match(path)) return rules[i]!.owners;
  return [];
}
