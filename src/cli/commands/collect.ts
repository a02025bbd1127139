/** `phasegate collect`: write an evidence bundle. */
import { serializeEvidence } from '../../evidence/index.js';
import type { SizeSettings } from '../../policy/types.js';
import { collectFromFlags, hasCollectFlags, type CollectFlags } from '../evidence-input.js';
import { usage } from '../options.js';
import { emit } from '../output.js';
import { sizeText } from '../size-text.js';

/** The collection settings of `--policy FILE` (today `settings.size`), loaded and checked like `gate` does. */
async function policySize(file: string | undefined): Promise<SizeSettings | undefined> {
  if (!file) return undefined;
  // The policy loader (YAML, ajv) is imported only when --policy is given: collect starts fast.
  const { loadPolicy } = await import('../../policy/index.js');
  return loadPolicy({ file }, { cwd: process.cwd() }).settings.size;
}

/** Collects evidence and writes it (atomically with --out); the code-size table goes to stderr. Always 0 on success. */
export async function collectCommand(opts: CollectFlags & { out?: string; policy?: string }): Promise<number> {
  if (!hasCollectFlags(opts)) throw usage('nothing to collect: give at least one of --junit, --jenkins-build, --coverage, --sarif, --docs, --perf, --source, --base, --facts');
  const bundle = await collectFromFlags(opts, process.cwd(), await policySize(opts.policy));
  emit(serializeEvidence(bundle), opts.out);
  if (opts.out) {
    const m = bundle.metrics;
    process.stderr.write(`collected ${Object.keys(m).length} metrics, ${bundle.items.length} items, ${bundle.documents.length} documents into ${opts.out}\n`);
  }
  if (bundle.size) process.stderr.write(sizeText(bundle.size));
  return 0;
}
