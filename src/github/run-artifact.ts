/**
 * The evidence of another workflow run, for the fork-safe two-workflow pattern: workflow A
 * (pull_request, read-only token, runs the pull request's code) uploads `evidence.json` as an
 * artifact; workflow B (workflow_run, default branch, may write) reads it here as untrusted
 * data: the artifact must belong to that run and commit, the zip and the file are size-capped
 * before anything is inflated, only an entry named exactly `evidence.json` is read (never a
 * path on disk), and the bundle must be strict UTF-8 JSON that passes the evidence schema.
 */
import { unzipSync } from 'fflate';
import { PhasegateError } from '../errors.js';
import { assertValidEvidence } from '../evidence/validate.js';
import type { EvidenceBundle } from '../evidence/types.js';
import type { GitHubClient, Repo } from './client.js';

/** The largest artifact (zip) read. */
export const MAX_ARTIFACT_BYTES = 20 * 1024 * 1024;
/** The largest evidence.json read from it (a bundle keeps at most 1,000 items per kind: a few MB). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_ENTRY = 'evidence.json';

export async function evidenceFromRun(client: GitHubClient, repo: Repo, runId: number, name: string): Promise<EvidenceBundle> {
  const shown = `artifact "${name}" of run ${runId}`;
  const found = (await client.runArtifacts(repo, runId)).filter((a) => a.name === name);
  const live = found.filter((a) => !a.expired);
  if (live.length === 0) {
    throw new PhasegateError({ message: `${shown}: ${found.length ? 'has expired' : 'not found'}; upload ${EVIDENCE_ENTRY} from the tests workflow with actions/upload-artifact and name: ${name}` });
  }
  const artifact = live.at(-1)!;
  if (artifact.sizeInBytes > MAX_ARTIFACT_BYTES) throw new PhasegateError({ message: `${shown}: ${artifact.sizeInBytes} bytes, more than ${MAX_ARTIFACT_BYTES}; upload only ${EVIDENCE_ENTRY}` });
  const zip = await client.downloadArtifact(repo, artifact.id);
  if (zip.byteLength > MAX_ARTIFACT_BYTES) throw new PhasegateError({ message: `${shown}: the download is larger than ${MAX_ARTIFACT_BYTES} bytes; upload only ${EVIDENCE_ENTRY}` });
  let entries: Record<string, Uint8Array>;
  let declared = 0;
  try {
    entries = unzipSync(zip, {
      filter: (f) => {
        if (f.name !== EVIDENCE_ENTRY) return false;
        declared = f.originalSize;
        return f.originalSize <= MAX_EVIDENCE_BYTES;
      },
    });
  } catch {
    throw new PhasegateError({ message: `${shown}: not a readable zip archive; upload the artifact with actions/upload-artifact` });
  }
  const data = entries[EVIDENCE_ENTRY];
  if (!data) {
    throw new PhasegateError({ message: declared > MAX_EVIDENCE_BYTES ? `${shown}: ${EVIDENCE_ENTRY} is larger than ${MAX_EVIDENCE_BYTES} bytes` : `${shown}: holds no ${EVIDENCE_ENTRY} at its top level; write it with phasegate collect --out evidence.json and upload that file` });
  }
  if (data.byteLength !== declared || data.byteLength === 0) throw new PhasegateError({ message: `${shown}: ${EVIDENCE_ENTRY} is ${data.byteLength === 0 ? 'empty' : 'not the size its zip entry declares'}; upload it again` });
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    value = JSON.parse(text);
  } catch {
    throw new PhasegateError({ file: `${name}/${EVIDENCE_ENTRY}`, message: 'not UTF-8 JSON; write it with phasegate collect --out evidence.json' });
  }
  assertValidEvidence(value, `${name}/${EVIDENCE_ENTRY}`, text);
  return value;
}
