/**
 * GitHub's size limits for Markdown and how a text is measured against them. A check run's
 * `output.summary` takes at most 65,535 (the REST docs say characters, but GitHub answers
 * "summary exceeds a maximum bytesize of 65535", github/docs#35252: it counts UTF-8 bytes); a job summary
 * ($GITHUB_STEP_SUMMARY) at most 1 MiB. UTF-8 bytes are never fewer than UTF-16 code units,
 * so a text measured in bytes fits either limit; that is the renderer's default and what
 * every GitHub target uses.
 */

/** GitHub's limit on a check run's summary (and text), in UTF-8 bytes. */
export const CHECK_RUN_SUMMARY_LIMIT = 65_535;
/** GitHub's limit on a step's job summary, in bytes (1 MiB). */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;
/** GitHub's limit on an issue or PR comment body, in characters (met by measuring bytes). */
export const COMMENT_LIMIT = 65_536;

/** How a limit counts: UTF-8 bytes or UTF-16 code units. */
export type LimitUnit = 'bytes' | 'characters';

/** The size of `text`: UTF-8 bytes, or characters as JavaScript counts them (UTF-16 code units). */
export function measure(text: string, unit: LimitUnit): number {
  return unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length;
}
