/**
 * The `phasegate` command. One failure boundary: user errors print one line each and
 * exit 2; anything else is a bug and prints its stack (also exit 2).
 */
import { Command, CommanderError } from 'commander';
import { PhasegateError, formatDiagnostic } from '../errors.js';
import { packageVersion } from './package-info.js';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = new Command('phasegate')
    .description('Phase-gate policies, delivery metrics and release gates for CI/CD pipelines')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return handleError(err);
  }
}

function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof PhasegateError) {
    for (const d of err.diagnostics) process.stderr.write(`phasegate: ${formatDiagnostic(d)}\n`);
    return 2;
  }
  process.stderr.write(`phasegate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 2;
}
