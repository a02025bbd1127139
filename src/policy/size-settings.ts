/**
 * `settings.size`: which languages code size counts and which paths it leaves out. Each layer's
 * language names are checked against cloc's list (with a did-you-mean); layers then apply in
 * order: a language a later layer names takes that layer's word, excluded paths accumulate.
 */
import { CLOC_LANGUAGES, LANGUAGE_ALIASES, clocLanguage } from '../catalog/languages.js';
import type { Diagnostic } from '../errors.js';
import { locate } from './locate.js';
import { closest } from './suggest.js';
import type { PolicyFile } from './text.js';
import type { SizeSettings } from './types.js';
import { quoted } from './quote.js';

/** One layer's `settings.size`, language names in cloc's spelling and unknown ones dropped (reported). */
export type SizeLayer = SizeSettings;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Known names of one list, in cloc's spelling; each unknown name is a diagnostic at its item. */
function languageList(file: PolicyFile, list: unknown, which: 'include' | 'exclude', diagnostics: Diagnostic[]): string[] {
  if (!Array.isArray(list)) return [];
  const known: string[] = [];
  list.forEach((name: unknown, i) => {
    if (typeof name !== 'string') return;
    const cloc = clocLanguage(name);
    if (cloc) {
      known.push(cloc);
      return;
    }
    const { line, col } = locate(file, ['settings', 'size', 'languages', which, String(i)]);
    const guess = LANGUAGE_ALIASES[name.trim().toLowerCase()] ?? closest(name, CLOC_LANGUAGES);
    const fix = guess ? `did you mean "${guess}"?` : 'names are cloc\'s, as `perl node_modules/cloc/lib/cloc --show-lang` lists them';
    diagnostics.push({ file: file.display, line, col, message: `settings.size.languages.${which}: unknown language ${quoted(name)} (${fix})` });
  });
  return known;
}

/**
 * The layer's `settings.size` when it has one that passed the schema (`valid`), with the
 * problems the schema cannot see: unknown language names, a language both included and excluded.
 */
export function sizeLayer(file: PolicyFile, data: Obj, valid: boolean): { size?: SizeLayer; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const raw = isObj(data.settings) ? data.settings.size : undefined;
  if (!valid || !isObj(raw)) return { diagnostics };
  const languages = isObj(raw.languages) ? raw.languages : {};
  const include = languageList(file, languages.include, 'include', diagnostics);
  const exclude = languageList(file, languages.exclude, 'exclude', diagnostics);
  (languages.exclude as unknown[] | undefined)?.forEach((name, i) => {
    const cloc = typeof name === 'string' ? clocLanguage(name) : undefined;
    if (!cloc || !include.includes(cloc)) return;
    const { line, col } = locate(file, ['settings', 'size', 'languages', 'exclude', String(i)]);
    diagnostics.push({ file: file.display, line, col, message: `settings.size.languages: ${quoted(cloc)} is both included and excluded; keep it in one list` });
  });
  const paths = Array.isArray(raw.exclude) ? (raw.exclude as string[]) : [];
  return { size: { languages: { include, exclude }, exclude: [...paths] }, diagnostics };
}

/** The layers' size settings applied in order; undefined when no layer has any. */
export function mergeSize(layers: readonly (SizeLayer | undefined)[]): SizeSettings | undefined {
  const set = layers.filter((l): l is SizeLayer => l !== undefined);
  if (set.length === 0) return undefined;
  const counted = new Map<string, boolean>();
  const paths: string[] = [];
  for (const layer of set) {
    for (const l of layer.languages.include) counted.set(l, true);
    for (const l of layer.languages.exclude) counted.set(l, false);
    for (const p of layer.exclude) if (!paths.includes(p)) paths.push(p);
  }
  const named = (value: boolean) => [...counted].filter(([, v]) => v === value).map(([l]) => l).sort();
  return { languages: { include: named(true), exclude: named(false) }, exclude: paths };
}
