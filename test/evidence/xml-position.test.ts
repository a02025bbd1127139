import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readXml } from '../../src/evidence/xml-stream.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-xml-pos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const visitor = { open: () => undefined, close: () => undefined };

describe('XML error positions (lines counted outside saxes)', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('locates an error after %s line breaks, also past the first chunk', async (_, nl) => {
    const pad = `<!--${'x'.repeat(300 * 1024)}-->`;
    const text = ['<?xml version="1.0"?>', '<testsuite>', pad, '  <testcase name="a"/>', '  <testcase name="b" x=1/>', '</testsuite>'].join(nl);
    const file = path.join(dir, 'pos.xml');
    writeFileSync(file, text);
    await expect(readXml(file, 'pos.xml', visitor, 'a test report')).rejects.toThrow(/^pos\.xml:5:25: unquoted attribute value$/);
  });
});
