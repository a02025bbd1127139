/**
 * User-facing errors. Anything the user can fix (bad policy, bad evidence, bad flags,
 * unreadable files) is a PhasegateError carrying one or more diagnostics; the CLI prints
 * each as one line and exits 2. Anything else is a bug and keeps its stack.
 */

/** One problem, located in a file where possible: printed as `FILE:LINE:COL: message`. */
export interface Diagnostic {
  file?: string;
  line?: number;
  col?: number;
  message: string;
}

/** Formats a diagnostic as the one line users see. */
export function formatDiagnostic(d: Diagnostic): string {
  if (!d.file) return d.message;
  const where = d.line ? `${d.file}:${d.line}:${d.col ?? 1}` : d.file;
  return `${where}: ${d.message}`;
}

/** A user error: the input, the policy or the invocation is wrong. Exit code 2. */
export class PhasegateError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics as Diagnostic];
    super(list.map(formatDiagnostic).join('\n'));
    this.name = 'PhasegateError';
    this.diagnostics = list;
  }
}

/** Shorthand for a single located diagnostic. */
export function inputError(file: string | undefined, message: string, line?: number, col?: number): PhasegateError {
  return new PhasegateError({ file, line, col, message });
}
