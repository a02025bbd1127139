/**
 * What the committed action bundles hold. Each is built again (as `npm run bundle` builds it)
 * into a temporary folder with esbuild's metafile: it must equal the committed file and carry
 * only what its action runs (an input counts when it puts bytes in the output; esbuild lists
 * tree-shaken ones with none). phase-gate's must stay under 1.5 MB, the one size
 * target; the others have none. And the lean ECharts of the bundles
 * (scripts/bundle.mjs, src/charts/echarts-lean.ts) draws the same bytes as the prebuilt file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../scripts/bundle-actions.mjs';
import { bundle } from '../../scripts/bundle.mjs';
import { ROOT } from '../helpers/cli.js';

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

let dir: string;
const built = new Map<string, { file: string; bytes: number; inputs: string[] }>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'phasegate-action-bundles-'));
  for (const name of ['collect-metrics', 'health-report']) {
    const file = path.join(dir, name, 'index.js');
    let meta: Metafile | undefined;
    const bytes = await bundle(path.join(ROOT, 'src/actions', `${name}.ts`), file, { minify: true, lean: true, metafile: (m: Metafile) => (meta = m) });
    const out = Object.values(meta!.outputs)[0]!;
    // Paths relative to the repository, whatever folder node_modules is reached through.
    const inputs = Object.entries(out.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f.replace(/^.*?node_modules\//, 'node_modules/'));
    built.set(name, { file, bytes, inputs });
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const holding = (name: string, pattern: RegExp): string[] => built.get(name)!.inputs.filter((f) => pattern.test(f));

describe('the action bundles', () => {
  it('lists every action, and phase-gate\'s committed bundle is under 1.5 MB (the others have no size target)', () => {
    expect(ACTIONS).toEqual(['phase-gate', 'collect-metrics', 'health-report']);
    expect(readFileSync(path.join(ROOT, 'actions/phase-gate/dist/index.js')).length).toBeLessThanOrEqual(1_500_000);
  });

  it.each(['collect-metrics', 'health-report'])('%s: the committed bundle is the one npm run bundle builds', (name) => {
    const b = built.get(name)!;
    const committed = readFileSync(path.join(ROOT, 'actions', name, 'dist/index.js'));
    expect(committed.length).toBe(b.bytes);
    expect(committed.equals(readFileSync(b.file))).toBe(true);
  });

  it('collect-metrics holds the collectors and both store adapters, and nothing of GitHub\'s API, the reports or the policies (YAML\'s limits only, for documents\' front matter)', () => {
    for (const part of ['src/evidence/tests/index.ts', 'src/evidence/coverage/index.ts', 'src/evidence/sarif/index.ts', 'src/evidence/perf/index.ts', 'src/evidence/docs.ts', 'node_modules/saxes/', 'node_modules/tinyglobby/', 'node_modules/pg/', 'node_modules/proper-lockfile/']) {
      expect(holding('collect-metrics', new RegExp(`^${part.replace(/\./g, '\\.')}`)), part).not.toEqual([]);
    }
    expect(holding('collect-metrics', /^src\/store\/(file|postgres)\/store\.ts$/)).toEqual(['src/store/postgres/store.ts', 'src/store/file/store.ts']);
    expect(holding('collect-metrics', /^node_modules\/(@octokit|@actions\/github|undici|tunnel|bottleneck|echarts|zrender|fflate|cloc|commander)\/|^src\/(report|charts|metrics|release)\/|^src\/policy\/(?!yaml-limits\.ts$)|^src\/github\/(client|octokit|comment|checks|annotations|run-artifact|base-policy|phase-gate)\.ts$/)).toEqual([]);
  });

  it('health-report holds the reports, lean ECharts, both store adapters and @actions/github\'s Octokit (it runs inside Actions), and none of the collectors or @octokit/rest', () => {
    expect(holding('health-report', /^src\/(report\/html\/report|report\/markdown\/index|charts\/echarts-lean|store\/file\/store|store\/postgres\/store|github\/comment)\.ts$/)).toHaveLength(6);
    for (const part of ['node_modules/@actions/github/', 'node_modules/@octokit/plugin-retry/', 'node_modules/@octokit/plugin-throttling/', 'node_modules/pg/', 'node_modules/echarts/lib/chart/line/', 'node_modules/echarts/lib/chart/bar/', 'node_modules/yaml/']) {
      expect(holding('health-report', new RegExp(`^${part.replace(/\./g, '\\.')}`)), part).not.toEqual([]);
    }
    expect(holding('health-report', /^node_modules\/(saxes|tinyglobby|picomatch|fdir|xmlchars|@octokit\/rest|fflate|cloc|commander)\/|^node_modules\/echarts\/dist\/|^src\/evidence\/(tests|coverage|sarif|perf|docs|size|git|expand|index)\b|^src\/github\/(checks|annotations|run-artifact|base-policy|diff|phase-gate|collect-metrics|key-metrics)\.ts$/)).toEqual([]);
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
