/**
 * Limits on what YAML a policy may hold, checked on every policy read: how deep it nests and how
 * many aliases it expands. A policy needs a few levels and a few aliases; a file beyond these is
 * hostile or not a policy, and is refused with one line before it can exhaust time or memory.
 */
import { isAlias, isCollection, isPair, type Document, type Node } from 'yaml';

/** Deepest nesting of mappings and lists a policy may have (the built-ins use 6). */
export const MAX_YAML_DEPTH = 64;

/** Most alias expansions (`*name`) a policy may make, counting nested ones (yaml's maxAliasCount). */
export const MAX_YAML_ALIASES = 100;

/** Widest indentation a policy line may have, in columns plus `- ` / `? ` indicators; deeper block nesting is refused before parsing. */
export const MAX_INDENT = 256;

/** What the parser is spared: the offset of the first spot nested too deep, found in one linear pass. */
export function tooDeepText(text: string): number | undefined {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      // Block nesting: indentation and compact `- ` / `? ` / `: ` indicators.
      if (c === ' ' || c === '\t' || ((c === '-' || c === '?' || c === ':') && text[i + 1] === ' ')) {
        if (++indent > MAX_INDENT) return i;
        continue;
      }
      lineStart = false;
    }
    const afterSpace = i === 0 || /\s/.test(text.charAt(i - 1));
    if ((c === '-' || c === '?') && afterSpace && text.charAt(i + 1) === ' ') {
      // Compact nesting after a key (`x: - - - 1`) counts like indentation.
      if (++indent > MAX_INDENT) return i;
    } else if (c === '#' && afterSpace) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text.charAt(i - 1)))) {
      // Skip a quoted scalar: `""`-free double quotes honour `\`; single quotes double themselves.
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_DEPTH) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** The first node of a parsed document nested deeper than MAX_YAML_DEPTH, walked without recursion. */
export function tooDeepNode(doc: Document.Parsed): Node | undefined {
  const todo: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (todo.length > 0) {
    const { node, depth } = todo.pop()!;
    if (!isCollection(node) || isAlias(node)) continue;
    if (depth > MAX_YAML_DEPTH) return node;
    for (const item of node.items) {
      if (isPair(item)) {
        todo.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        todo.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Messages for YAML errors by code: the parser's own text may quote the file, so it is never shown. */
export const YAML_MESSAGES: Record<string, string> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or tag',
  BAD_ALIAS: 'an alias (*name) names no anchor defined before it',
  BAD_DIRECTIVE: 'unknown or misplaced YAML directive',
  BAD_DQ_ESCAPE: 'invalid escape in a double-quoted string',
  BAD_INDENT: 'wrong indentation, or a [ or { left open',
  BAD_PROP_ORDER: 'anchors and tags must come before the value',
  BAD_SCALAR_START: 'a plain value cannot start with this character; quote it',
  BLOCK_AS_IMPLICIT_KEY: 'a nested block cannot be a key',
  BLOCK_IN_FLOW: 'a block value cannot sit inside [ ] or { }',
  IMPOSSIBLE: 'unparsable YAML',
  MISSING_CHAR: 'a closing quote, bracket or brace is missing',
  MULTILINE_IMPLICIT_KEY: 'a key must be on one line (is a ":" or an indentation missing?)',
  MULTIPLE_ANCHORS: 'a value has more than one anchor',
  MULTIPLE_TAGS: 'a value has more than one tag',
  NON_STRING_KEY: 'keys must be text',
  RESOURCE_EXHAUSTION: `nested deeper than ${MAX_YAML_DEPTH} levels; a policy needs a few`,
  TAB_AS_INDENT: 'a tab is used for indentation; indent with spaces',
  TAG_RESOLVE_FAILED: 'custom tags (!name) are not supported; remove the tag',
  UNEXPECTED_TOKEN: 'unexpected character here (is a value missing or a quote unclosed?)',
  BAD_COLLECTION_TYPE: 'a tag does not fit this kind of value; remove the tag',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters; shorten it',
};
