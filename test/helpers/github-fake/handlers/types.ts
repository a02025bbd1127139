/** What an operation handler of the GitHub fake gets and gives. */
import type { FakeArtifact, FakeRepo, FakeToken } from '../model.js';
import type { Urls } from '../shapes.js';
import type { GitHubState } from '../state.js';

export interface HandlerContext {
  state: GitHubState;
  urls: Urls;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: Record<string, unknown>;
  /** The repository `owner`/`repo` name, for repository operations. */
  repo?: FakeRepo;
  token: FakeToken;
  /** The media type format the client asked for (`json`, `raw`, `object`). */
  format: string;
  /** The operation's documentation URL, for error bodies. */
  doc: string;
  /** A signed URL of an artifact's zip on the fake's blob host. */
  blobUrl(artifact: FakeArtifact): string;
}

export interface Answer {
  status: number;
  /** A JSON body, validated against the contract. */
  body?: unknown;
  /** A body the contract does not describe (raw file content), with its content type. */
  raw?: { bytes: Uint8Array; contentType: string };
  /** The media type of `body` as the contract names it (default application/json). */
  mediaType?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => Answer;

/** The repository of a repository operation (the pipeline has resolved it). */
export function repoOf(ctx: HandlerContext): FakeRepo {
  if (!ctx.repo) throw new Error('repository operation without a repository');
  return ctx.repo;
}
