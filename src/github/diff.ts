/**
 * The lines a pull request adds, from the unified diff GitHub gives per file (`patch`): new-file
 * line numbers of `+` lines. Linear in the patch; a patch GitHub left out (binary, too large)
 * adds nothing known.
 */

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** The new-side line numbers of the lines `patch` adds. */
export function addedLines(patch: string): number[] {
  const out: number[] = [];
  let line = 0;
  let inHunk = false;
  for (const text of patch.split('\n')) {
    const hunk = HUNK.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const c = text[0];
    if (c === '+') out.push(line++);
    else if (c === ' ' || text === '') line++;
    // '-' (removed) and '\' ("No newline at end of file") do not move the new side.
  }
  return out;
}
