/** Where command output goes: stdout, or a file written atomically. */
import { writeFileAtomic } from '../io/atomic-write.js';

/** Writes `text` to `out` atomically, or to stdout when no file is given. */
export function emit(text: string, out: string | undefined): void {
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
