/**
 * JMeter JTL in XML (`jmeter.save.saveservice.output_format=xml`): `<testResults>` holding one
 * `<httpSample>` or `<sample>` per sample with `t` (elapsed ms), `lb` (label), `s` (success)
 * and `ts` (start time stamp). Sub-results nested inside a sample are part of it and are not
 * counted again. Streamed with the hardened XML reader.
 */
import { XmlContentError, readXml, type XmlVisitor } from '../xml-stream.js';
import { parseElapsed, parseTimeStamp } from './jtl-csv.js';
import type { SampleSet } from './samples.js';

const EXPECTED = 'a JMeter XML JTL with a <testResults> root';

/** Reads the samples of an XML JTL into `set`. */
export async function readJtlXml(file: string, shown: string, set: SampleSet): Promise<void> {
  const visitor: XmlVisitor = {
    open(name, attrs, depth) {
      if (depth === 0 && name !== 'testResults') throw new XmlContentError(`unexpected root element <${name}> (expected ${EXPECTED})`);
      if (depth !== 1 || (name !== 'httpSample' && name !== 'sample')) return;
      const elapsed = attrs.t === undefined ? undefined : parseElapsed(attrs.t);
      if (elapsed === undefined) {
        const what = attrs.t === undefined ? 'has no t attribute (elapsed ms)' : `has t="${attrs.t.slice(0, 40)}", not a number of milliseconds`;
        throw new XmlContentError(`<${name}> ${what}; save the elapsed time (jmeter.save.saveservice.time=true) or fix this sample`);
      }
      const start = attrs.ts ? parseTimeStamp(attrs.ts) : undefined;
      if (attrs.ts && start === undefined) throw new XmlContentError(`<${name}> has ts="${attrs.ts.slice(0, 40)}", not epoch milliseconds; fix this sample`);
      set.add(attrs.lb ?? '', elapsed, attrs.s === 'true', start);
    },
    close() {},
  };
  await readXml(file, shown, visitor, EXPECTED);
}
