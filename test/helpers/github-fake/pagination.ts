/**
 * GitHub's pagination: `per_page` (default 30, at most 100) and `page` (from 1), and a `link`
 * header with prev, next, last and first in that order, left out when one page holds everything.
 * Like GitHub, the links name the repository by id (`/repositories/1300192/issues?page=2`, from
 * "Using pagination in the REST API"), so a client must follow them as given.
 */

export interface Page<T> {
  items: T[];
  /** The `link` header, or undefined when there is a single page. */
  link?: string;
}

function intParam(v: string | string[] | undefined, fallback: number): number {
  const raw = Array.isArray(v) ? v[v.length - 1] : v;
  const n = raw === undefined ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * One page of `all` for a request's `query`; `linkBase` is the URL the links point to (the API
 * base with `/repositories/{id}/…` in place of `/repos/{owner}/{repo}/…`).
 */
export function paginate<T>(all: T[], query: Record<string, string | string[]>, linkBase: string): Page<T> {
  const perPage = Math.min(intParam(query.per_page, 30), 100);
  const page = intParam(query.page, 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  if (last === 1) return { items };
  const href = (p: number): string => {
    const u = new URL(linkBase);
    for (const [k, v] of Object.entries(query)) if (k !== 'page') for (const one of [v].flat()) u.searchParams.append(k, one);
    u.searchParams.set('page', String(p));
    return `<${u.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${href(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
  if (page > 1) rels.push(`${href(1)}; rel="first"`);
  return { items, link: rels.join(', ') };
}

/** The link base of a repository list: `/repos/{owner}/{repo}/rest` → `/repositories/{id}/rest`. */
export function repositoryLinkBase(api: string, repoId: number, pathAfterRepo: string): string {
  return `${api}/repositories/${repoId}${pathAfterRepo}`;
}
