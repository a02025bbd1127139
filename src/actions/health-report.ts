/** actions/health-report: the project health report (or the portfolio) from the history store. Bundled to actions/health-report/dist/index.js. */
import * as core from '@actions/core';
import { octokitClient } from '../github/client.js';
import { runContext } from '../github/event.js';
import { INPUTS, healthReportSettings, runHealthReport } from '../github/health-report.js';
import { actionsOctokit, paceFromEnv } from '../github/octokit.js';
import { openStore } from '../store/open.js';
import { coreIO, maskStoreUrl, readInput, runAction } from './io.js';

await runAction(async () => {
  maskStoreUrl(readInput(INPUTS.store));
  const settings = healthReportSettings(readInput);
  if (settings.token) core.setSecret(settings.token);
  const ctx = runContext(process.env);
  // Inside the Actions runtime: @actions/github's getOctokit (GITHUB_API_URL, the runner's proxy), built only when a comment is written.
  const client = async () => octokitClient(await actionsOctokit(settings.token, { log: (m) => core.info(m), paceMs: paceFromEnv(process.env) }));
  return runHealthReport(settings, ctx, (url) => openStore(url, { cwd: ctx.workspace }), coreIO(), client);
});
