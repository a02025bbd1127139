/**
 * Repositories: repos/get, and repos/get-content for a file or a folder at a ref, as JSON with
 * base64 `content` (wrapped at 60 characters, as GitHub sends it), as the `object` media type,
 * or raw. Raw content is not in GitHub's description (github/rest-api-description#6089); GitHub
 * sends it as `text/plain; charset=utf-8` (octokit/rest.js#14), the fake does so for UTF-8 text
 * and sends other bytes as application/octet-stream.
 */
import { basicError, GitHubError, notFound } from '../errors.js';
import { blobSha } from '../ids.js';
import type { FakeRepo } from '../model.js';
import { fullRepositoryJson, WEB, type Urls } from '../shapes.js';
import { repoOf, type Answer, type HandlerContext } from './types.js';

/** GitHub's contents API serves blobs up to 1 MB as JSON. */
const JSON_BLOB_LIMIT = 1024 * 1024;

export function getRepo(ctx: HandlerContext): Answer {
  return { status: 200, body: fullRepositoryJson(repoOf(ctx), ctx.urls, ctx.token) };
}

interface Entry {
  type: 'file' | 'dir';
  path: string;
  bytes?: Uint8Array;
}

function entryJson(e: Entry, repo: FakeRepo, ref: string, urls: Urls, withContent: boolean): Record<string, unknown> {
  const path = e.path.split('/').map(encodeURIComponent).join('/');
  const self = `${urls.api}/repos/${repo.fullName}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const sha = e.bytes ? blobSha(e.bytes) : blobSha(new TextEncoder().encode(`tree ${e.path}`));
  const git = `${urls.api}/repos/${repo.fullName}/git/${e.type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  const html = `${WEB}/${repo.fullName}/${e.type === 'file' ? 'blob' : 'tree'}/${ref}/${path}`;
  const out: Record<string, unknown> = {
    type: e.type, size: e.bytes?.length ?? 0, name: e.path.split('/').pop(), path: e.path, sha, url: self, git_url: git, html_url: html,
    download_url: e.type === 'file' ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${path}` : null,
    _links: { self, git, html },
  };
  if (withContent && e.bytes) {
    const large = e.bytes.length > JSON_BLOB_LIMIT;
    const b64 = large ? '' : Buffer.from(e.bytes).toString('base64');
    out.content = b64.replace(/.{60}/g, '$&\n') + (b64.length > 0 ? '\n' : '');
    out.encoding = large ? 'none' : 'base64';
  }
  return out;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function getContent(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const ref = typeof ctx.query.ref === 'string' ? ctx.query.ref : repo.defaultBranch;
  const tree = repo.trees.get(ctx.state.resolveRef(repo, ref));
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  if (!tree) throw notFound(ctx.doc);
  const bytes = tree.get(path);
  const children = [...tree.keys()].filter((p) => path === '' || p.startsWith(`${path}/`));
  if (!bytes && children.length === 0) throw notFound(ctx.doc);
  if (bytes) {
    if (ctx.format === 'raw') return { status: 200, raw: { bytes, contentType: isUtf8(bytes) ? 'text/plain; charset=utf-8' : 'application/octet-stream' } };
    if (bytes.length > JSON_BLOB_LIMIT && ctx.format !== 'object') {
      throw new GitHubError(403, {
        message: 'This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.',
        errors: [{ resource: 'Blob', field: 'data', code: 'too_large' }], documentation_url: ctx.doc, status: '403',
      });
    }
    const body = entryJson({ type: 'file', path, bytes }, repo, ref, ctx.urls, true);
    return ctx.format === 'object' ? { status: 200, body, mediaType: 'application/vnd.github.object' } : { status: 200, body };
  }
  if (ctx.format === 'raw') throw basicError(415, 'Unsupported Media Type: a folder has no raw content', ctx.doc);
  const depth = path === '' ? 1 : path.split('/').length + 1;
  const names = new Map<string, Entry>();
  for (const p of children) {
    const parts = p.split('/');
    const own = parts.slice(0, depth).join('/');
    if (!names.has(own)) names.set(own, parts.length === depth ? { type: 'file', path: own, bytes: tree.get(own) } : { type: 'dir', path: own });
  }
  const entries = [...names.values()].sort((a, b) => a.path.localeCompare(b.path)).map((e) => entryJson(e, repo, ref, ctx.urls, false));
  if (ctx.format === 'object') {
    const dir = entryJson({ type: 'dir', path }, repo, ref, ctx.urls, false);
    return { status: 200, body: { ...dir, name: path.split('/').pop() ?? '', entries }, mediaType: 'application/vnd.github.object' };
  }
  return { status: 200, body: entries };
}
