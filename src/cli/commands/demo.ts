/**
 * `phasegate demo` (what `npm start` runs): collects the evidence of the example project in
 * examples/acme-payments and evaluates its five phase gates, printing each verdict and
 * writing them as JSON and Markdown. It exits 0 whatever the gates say: it shows, it does
 * not guard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectEvidence } from '../../evidence/index.js';
import { PhasegateError } from '../../errors.js';
import type { EvidenceBundle } from '../../evidence/types.js';
import { runGate } from '../../core/gate.js';
import { renderVerdict } from '../../gate/render/index.js';
import type { Verdict } from '../../gate/types.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { stableJson } from '../../io/json.js';
import { loadPolicy } from '../../policy/index.js';
import { PHASES } from '../../policy/types.js';
import { useColor } from '../options.js';

/** The example's demo settings (examples/acme-payments/demo.json). */
interface DemoSettings {
  project: string;
  policy: string;
  /** The example is a snapshot: gates are evaluated as of this time so the demo never drifts. */
  now: string;
  collect: { junit: string[]; coverage: string[]; sarif: string[]; docs: string[]; source?: string; facts?: string };
  /** Changed files as `git diff --name-status` recorded them (the example is not its own git repository). */
  changes: NonNullable<EvidenceBundle['changes']>;
}

/** The example project the package ships: `<package>/examples/acme-payments`, three folders up from src/cli/commands and dist/cli/commands. */
const EXAMPLE = path.resolve(fileURLToPath(new URL('../../../examples/acme-payments/', import.meta.url)));

/** The example's settings; a CLI without its examples/ folder (a bundle of the code) says so in one line. */
function readSettings(): DemoSettings {
  const file = path.join(EXAMPLE, 'demo.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new PhasegateError({ message: `the demo's example project is not here (${file} not found); run the demo from an installed phasegate package, which holds examples/acme-payments` });
  }
  return JSON.parse(text) as DemoSettings;
}

function summaryLine(v: Verdict): string {
  const s = v.summary;
  const parts = [s.fail && `${s.fail} failed`, s.error && `${s.error} without evidence`, s.warn && `${s.warn} warning${s.warn === 1 ? '' : 's'}`, s.waived && `${s.waived} waived`, s['n/a'] && `${s['n/a']} n/a`, `${s.pass} passed`];
  return `  ${v.phase.padEnd(15)}${v.status.toUpperCase().padEnd(6)}${parts.filter(Boolean).join(', ')}`;
}

/** Runs the demo; returns 0. */
export async function demoCommand(opts: { outDir: string }): Promise<number> {
  const settings = readSettings();
  const policy = loadPolicy({ file: path.join(EXAMPLE, settings.policy) }, { cwd: EXAMPLE });
  const collected = await collectEvidence({ ...settings.collect, cwd: EXAMPLE, size: policy.settings.size });
  const evidence: EvidenceBundle = { ...collected, changes: settings.changes };
  const now = new Date(settings.now);
  const color = useColor(process.stdout, process.env);
  const outDir = path.resolve(opts.outDir);
  writeFileAtomic(path.join(outDir, 'evidence.json'), stableJson(evidence));
  process.stdout.write(`phasegate demo: ${settings.project} (policy ${settings.policy}, tier ${policy.tier ?? 'none'}), evaluated as of ${settings.now}\n`);
  // The gates read the project's KPIs (defect density, SPI, DORA…) from the same history as its report.
  const { demoHistory, writeDemoReports } = await import('../demo-report.js');
  const history = await demoHistory({ example: EXAMPLE, project: settings.project, now, outDir });
  const verdicts: Verdict[] = [];
  for (const phase of PHASES) {
    const verdict = runGate({ policy, evidence, phase, now, history });
    verdicts.push(verdict);
    process.stdout.write(`\n${renderVerdict(verdict, 'text', { color })}`);
    writeFileAtomic(path.join(outDir, `${phase}.verdict.json`), stableJson(verdict));
    writeFileAtomic(path.join(outDir, `${phase}.md`), renderVerdict(verdict, 'markdown', { color: false }));
  }
  process.stdout.write(`\nSummary\n${verdicts.map(summaryLine).join('\n')}\n`);
  const reports = await writeDemoReports({ history, policy, evidence, verdicts, now, outDir });
  const shown = (f: string) => path.relative(process.cwd(), f) || f;
  process.stdout.write(`\nHealth report (twelve weeks of the example's history, its plan and defects):\n${reports.map((f) => `  ${shown(f)}`).join('\n')}\n`);
  process.stdout.write(`Evidence and verdicts (JSON, Markdown) are in ${shown(outDir)}/\n`);
  process.stdout.write('In a pipeline, `phasegate gate` exits 1 on a failed gate; the demo always exits 0.\n');
  return 0;
}
