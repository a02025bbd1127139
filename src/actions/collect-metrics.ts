/** actions/collect-metrics: collect a run's evidence and record the run in the history store. Bundled to actions/collect-metrics/dist/index.js. */
import { INPUTS, collectMetricsSettings, runCollectMetrics } from '../github/collect-metrics.js';
import { runContext } from '../github/event.js';
import { openStore } from '../store/open.js';
import { coreIO, maskStoreUrl, readInput, runAction } from './io.js';

await runAction(async () => {
  maskStoreUrl(readInput(INPUTS.store));
  const settings = collectMetricsSettings(readInput);
  const ctx = runContext(process.env);
  return runCollectMetrics(settings, ctx, (url) => openStore(url, { cwd: ctx.workspace }), coreIO());
});
