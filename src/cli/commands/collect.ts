/** `phasegate collect`: write an evidence bundle. */
import { serializeEvidence } from '../../evidence/index.js';
import { collectFromFlags, hasCollectFlags, type CollectFlags } from '../evidence-input.js';
import { usage } from '../options.js';
import { emit } from '../output.js';

/** Collects evidence and writes it (atomically with --out). Always 0 on success. */
export async function collectCommand(opts: CollectFlags & { out?: string }): Promise<number> {
  if (!hasCollectFlags(opts)) throw usage('nothing to collect: give at least one of --junit, --coverage, --sarif, --docs, --perf, --source, --base, --facts');
  const bundle = await collectFromFlags(opts, process.cwd());
  emit(serializeEvidence(bundle), opts.out);
  if (opts.out) {
    const m = bundle.metrics;
    process.stderr.write(`collected ${Object.keys(m).length} metrics, ${bundle.items.length} items, ${bundle.documents.length} documents into ${opts.out}\n`);
  }
  return 0;
}
