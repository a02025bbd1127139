/** actions/phase-gate: judge a phase gate in a workflow and publish it on the commit. Bundled to actions/phase-gate/dist/index.js. */
import * as core from '@actions/core';
import { octokitClient } from '../github/client.js';
import { runContext, workflowRunContext } from '../github/event.js';
import { actionsOctokit, paceFromEnv } from '../github/octokit.js';
import { permissionsBlock, phaseGateSettings, runPhaseGate } from '../github/phase-gate.js';
import { coreIO, readInput, runAction } from './io.js';

let comment = false;
await runAction(async () => {
  const settings = phaseGateSettings(readInput);
  comment = settings.comment;
  core.setSecret(settings.token);
  const octokit = await actionsOctokit(settings.token, { log: (m) => core.info(m), paceMs: paceFromEnv(process.env) });
  const client = octokitClient(octokit);
  const ctx = settings.mode === 'workflow-run' ? await workflowRunContext(process.env, client) : runContext(process.env);
  if (settings.orgToken) core.setSecret(settings.orgToken);
  const orgClient = settings.orgToken ? octokitClient(await actionsOctokit(settings.orgToken, { log: (m) => core.info(m), paceMs: paceFromEnv(process.env) })) : undefined;
  const code = await runPhaseGate(settings, ctx, client, coreIO(), new Date(), orgClient);
  if (code !== 0) core.setFailed(`the ${settings.phase} gate failed; see the job summary`);
  return code;
}, () => permissionsBlock(comment));
