/**
 * Publishes one check run per phase gate on a commit. The external id names the gate and the
 * content (a digest of conclusion, summary and annotations): a re-run with the same result
 * finds its check run and updates it without posting anything twice; a re-run with another
 * result gets a new check run of the same name, which GitHub shows as the current one. Up to 50
 * annotations go with the create request and the rest, 50 per request, by updates, which
 * GitHub appends.
 */
import { createHash } from 'node:crypto';
import type { CheckAnnotation, CheckConclusion, CheckRunOutput, GitHubClient, Repo } from './client.js';

/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface CheckPublication {
  repo: Repo;
  headSha: string;
  name: string;
  /** Which gate this is, e.g. `phasegate:testing`; the digest of the content is appended. */
  gate: string;
  detailsUrl?: string;
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: readonly CheckAnnotation[];
  /**
   * What makes two results the same (default: everything shown). A summary that names the
   * time it was made would make every re-run differ; the caller gives the verdict's substance.
   */
  sameAs?: unknown;
}

export interface Published {
  id: number;
  url: string | null;
  /** False when an identical check run was found and updated (a re-run). */
  created: boolean;
}

/** The external id: the gate and a digest of everything the check run shows. */
export function externalId(p: CheckPublication): string {
  const content = p.sameAs === undefined ? [p.title, p.summary, p.text ?? ''] : p.sameAs;
  const digest = createHash('sha256').update(JSON.stringify([p.conclusion, content, p.annotations])).digest('hex');
  return `${p.gate}:${digest.slice(0, 20)}`;
}

export async function publishCheck(client: GitHubClient, p: CheckPublication): Promise<Published> {
  const id = externalId(p);
  const output = (annotations?: CheckAnnotation[]): CheckRunOutput => ({ title: p.title, summary: p.summary, ...(p.text ? { text: p.text } : {}), ...(annotations?.length ? { annotations } : {}) });
  const existing = (await client.checkRunsForRef(p.repo, p.headSha, p.name)).find((r) => r.externalId === id);
  if (existing) {
    await client.updateCheckRun(p.repo, existing.id, { conclusion: p.conclusion, output: output() });
    return { id: existing.id, url: existing.url, created: false };
  }
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < p.annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(p.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const run = await client.createCheckRun(p.repo, { name: p.name, headSha: p.headSha, externalId: id, ...(p.detailsUrl ? { detailsUrl: p.detailsUrl } : {}), conclusion: p.conclusion, output: output(batches[0]) });
  for (const batch of batches.slice(1)) await client.updateCheckRun(p.repo, run.id, { output: output(batch) });
  return { id: run.id, url: run.url, created: true };
}
