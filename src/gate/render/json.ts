/** The verdict as deterministic JSON: the machine-readable form, described by schemas/verdict.schema.json. */
import { stableJson } from '../../io/json.js';
import type { Verdict } from '../types.js';
import type { RenderOptions } from './index.js';

/** Renders a verdict as JSON with sorted keys: equal verdicts give byte-identical output. */
export function renderJson(v: Verdict, _opts: RenderOptions): string {
  return stableJson(v);
}
