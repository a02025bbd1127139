/**
 * Maps a place in the parsed data (a JSON pointer, as ajv reports it) back to the YAML text,
 * so every message can say `file:line:col`.
 */
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceRef } from './types.js';
import type { PolicyFile } from './text.js';

/** Splits a JSON pointer (`/phases/testing/0`) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function child(file: PolicyFile, node: Node, segment: string): { node?: Node; key?: Node } | undefined {
  const target = isAlias(node) ? node.resolve(file.doc) : node;
  if (isMap(target)) {
    const pair = target.items.find((p) => keyText(p.key) === segment);
    if (!pair) return undefined;
    return { node: (pair.value ?? undefined) as Node | undefined, key: pair.key as Node };
  }
  if (isSeq(target)) {
    const item = target.items[Number(segment)];
    return item === undefined ? undefined : { node: item as Node };
  }
  return undefined;
}

/**
 * Offset of the node at `segments` (or of its key when `key` is set). Walks as far as the
 * path exists, so a missing child points at its parent.
 */
function offsetOf(file: PolicyFile, segments: readonly string[], key: boolean): number {
  let node = file.doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, segment] of segments.entries()) {
    if (!node) break;
    const next = child(file, node, segment);
    if (!next) break;
    const last = i === segments.length - 1;
    const keyStart = next.key?.range?.[0];
    // An empty value (`threshold:`) has no text of its own; its key is the place to point at.
    const valueStart = next.node?.range?.[0];
    offset = (last && key) || valueStart === undefined || (isScalar(next.node) && next.node.value === null) ? (keyStart ?? valueStart ?? offset) : valueStart;
    node = next.node ?? null;
  }
  return offset;
}

/** The source position of the value (or key) at `segments` in `file`. */
export function locate(file: PolicyFile, segments: readonly string[], key = false): SourceRef {
  const { line, col } = file.lineCounter.linePos(offsetOf(file, segments, key));
  return { file: file.display, line, col, layer: file.layer };
}
