/**
 * The parts of the SARIF 2.1.0 schema (docs.oasis-open.org/sarif/sarif/v2.1.0) this reader
 * relies on, kept open to every other property the standard allows. The build compiles them
 * into src/generated/validate-sarif.ts (scripts/build-validators.mjs), which the reader runs.
 */
const level = { enum: ['none', 'note', 'warning', 'error'] };
const propertyBag = { type: 'object' };
const text = { type: 'string' };
// SARIF: a message has its text or the id of one of the rule's message strings.
const message = { type: 'object', anyOf: [{ properties: { text }, required: ['text'] }, { properties: { id: text }, required: ['id'] }] };
const multiformat = { type: 'object', required: ['text'], properties: { text } };
const rule = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    shortDescription: multiformat,
    defaultConfiguration: { type: 'object', properties: { level } },
    properties: propertyBag,
  },
};
const toolComponent = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, rules: { type: 'array', items: rule } },
};
const location = {
  type: 'object',
  properties: {
    physicalLocation: {
      type: 'object',
      properties: {
        artifactLocation: { type: 'object', properties: { uri: { type: 'string' }, uriBaseId: { type: 'string' } } },
        region: { type: 'object', properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } } },
      },
    },
  },
};
const result = {
  type: 'object',
  required: ['message'],
  properties: {
    ruleId: { type: 'string' },
    ruleIndex: { type: 'integer', minimum: -1 },
    rule: { type: 'object', properties: { id: { type: 'string' }, index: { type: 'integer', minimum: -1 } } },
    kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
    level,
    message,
    locations: { type: 'array', items: location },
    partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
    baselineState: { enum: ['new', 'unchanged', 'updated', 'absent'] },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { enum: ['inSource', 'external'] }, status: { enum: ['accepted', 'underReview', 'rejected'] } },
      },
    },
    properties: propertyBag,
  },
};

/** The log without its runs' contents. */
export const SARIF_HEADER_SCHEMA = {
  $id: 'phasegate:sarif-2.1.0-header',
  type: 'object',
  required: ['version', 'runs'],
  properties: { version: { const: '2.1.0' }, runs: { type: 'array' } },
} as const;

/** One run without its results (they are checked one by one with SARIF_RESULT_SCHEMA). */
export const SARIF_RUN_SCHEMA = {
  $id: 'phasegate:sarif-2.1.0-run',
  type: 'object',
  required: ['tool'],
  properties: {
    tool: { type: 'object', required: ['driver'], properties: { driver: toolComponent, extensions: { type: 'array', items: toolComponent } } },
    results: { type: 'array' },
  },
} as const;

export const SARIF_RESULT_SCHEMA = { $id: 'phasegate:sarif-2.1.0-result', ...result } as const;
