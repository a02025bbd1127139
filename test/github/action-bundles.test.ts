/**
 * What the committed action bundles hold: each under 1.5 MB; and the lean ECharts of the
 * bundles (scripts/bundle.mjs, src/charts/echarts-lean.ts) draws the same bytes as the
 * prebuilt file unbundled Node loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../scripts/bundle-actions.mjs';
import { bundle } from '../../scripts/bundle.mjs';
import { ROOT } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phasegate-action-bundles-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the action bundles', () => {
  it('each committed bundle is under 1.5 MB', () => {
    expect(ACTIONS).toEqual(['phase-gate']);
    for (const name of ACTIONS) expect(readFileSync(path.join(ROOT, 'actions', name, 'dist/index.js')).length, name).toBeLessThanOrEqual(1_500_000);
  });
});

describe('lean ECharts (the bundles) and the prebuilt file (unbundled Node)', () => {
  it('draw the same bytes for every chart the report draws', async () => {
    const run = async (lean: boolean): Promise<string> => {
      const file = path.join(dir, `charts-${lean ? 'lean' : 'prebuilt'}.mjs`);
      await bundle(path.join(ROOT, 'test/bundle/charts-entry.ts'), file, { minify: true, lean });
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const [lean, prebuilt] = [await run(true), await run(false)];
    const lines = lean.trimEnd().split('\n');
    expect(lines).toHaveLength(14);
    expect(lines.every((l) => (JSON.parse(l) as { svg: string }).svg.startsWith('<svg '))).toBe(true);
    expect(lean).toBe(prebuilt);
  }, 60_000);
});
