// The criteria validator generated ahead of time by ajv (src/core/validate/criteriaValidator.generated.ts):
// up to date with the schema, and the same errors as the validator ajv compiles at run time.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import YAML from 'yaml';
import schema from '../../../../schemas/criteria.schema.json';
import { validate as generated } from '../../../../src/core/validate/criteriaValidator.generated';

const ROOT = path.resolve(__dirname, '../../../../..');
const GENERATED = path.join(ROOT, 'src/core/validate/criteriaValidator.generated.ts');
const EXAMPLE = path.join(ROOT, 'examples/ward-2025/criteria.yaml');

/** What schema.ts did before the validator was generated: compile the schema at run time. */
function compiledAtRunTime(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  ajv.addKeyword('markdownDescription');
  return ajv.compile(schema);
}

function example(): Record<string, unknown> {
  return YAML.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
}

/** Test data edited freely, whatever its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A fresh copy of the example with `change` applied: one kind of schema error each. */
function broken(change: (d: Loose) => void): unknown {
  const d = example();
  change(d);
  return d;
}

describe('generated criteria validator', function () {
  this.timeout(30000);
  let runtime: ValidateFunction;
  const validateGenerated = generated as unknown as ValidateFunction;

  before(() => {
    runtime = compiledAtRunTime();
  });

  it('is up to date with schemas/criteria.schema.json (else run node scripts/generate-validator.mjs)', () => {
    const expected = execFileSync(process.execPath, [path.join(ROOT, 'scripts/generate-validator.mjs'), '--stdout'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const committed = readFileSync(GENERATED, 'utf8').replace(/\r\n/g, '\n');
    assert.ok(committed === expected, 'src/core/validate/criteriaValidator.generated.ts is out of date with schemas/criteria.schema.json: run node scripts/generate-validator.mjs');
  });

  it('accepts the example, like the validator compiled at run time', () => {
    const data = example();
    assert.equal(runtime(data), true, JSON.stringify(runtime.errors));
    assert.equal(validateGenerated(data), true, JSON.stringify(validateGenerated.errors));
    assert.equal(validateGenerated.errors, null);
  });

  const cases: Array<[string, unknown]> = [
    ['not an object', 42],
    ['empty document', {}],
    ['missing required', broken((d) => delete d.units)],
    ['wrong format version (const)', broken((d) => (d.reformEvidence = 2))],
    ['wrong type', broken((d) => (d.index.title = 7))],
    ['additional property at the root', broken((d) => (d.extra = true))],
    ['additional property in a criterion', broken((d) => (d.criteria[0].colour = 'red'))],
    ['pattern of an identifier', broken((d) => (d.criteria[0].id = '1 bad id'))],
    ['date pattern of a due date', broken((d) => (d.tasks[0].due = '08/11/2025'))],
    ['task without its owner, criterion without its evidence (if/then/else)', broken((d) => { delete d.tasks[0].owner; walkLeaves(d.criteria, (leaf) => delete leaf.evidence); })],
    ['several errors at once (allErrors)', broken((d) => { d.index.id = null; d.units = 'none'; d.criteria[0].children = [{}]; d.extra = 1; })],
    ['limits: minimum, maximum, exclusiveMinimum, minLength, minItems, minProperties', broken((d) => {
      d.index.year = 1999;
      d.index.title = '';
      d.units = {};
      d.criteria[1].children = [];
      walkLeaves(d.criteria, (leaf) => { leaf.maxScore = 0; leaf.selfScore = -1; leaf.evidence = [{ title: 'x', path: 'a/*.pdf', min: 0 }]; });
    })],
    ['year above the maximum, unit id pattern (propertyNames)', broken((d) => { d.index.year = 2101; d.units['1bad'] = { name: 'x' }; })],
  ];
  for (const [name, data] of cases) {
    it(`gives the same errors as the validator compiled at run time: ${name}`, () => {
      const a = runtime(data);
      const expected = runtime.errors;
      const b = validateGenerated(data);
      assert.equal(a, false);
      assert.equal(b, false);
      assert.ok(expected && expected.length > 0);
      assert.deepEqual(validateGenerated.errors, expected);
    });
  }

  it('covers the keywords schema.ts translates', () => {
    const keywords = new Set<string>();
    for (const [, data] of cases) {
      validateGenerated(data);
      for (const e of validateGenerated.errors ?? []) keywords.add(e.keyword);
    }
    for (const k of ['required', 'type', 'additionalProperties', 'pattern', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'if']) assert.ok(keywords.has(k), `no case produced a "${k}" error: ${[...keywords].join(', ')}`);
  });

  it("loads without ajv's compiler", () => {
    const script = [
      `const { validate } = require(${JSON.stringify(path.join(ROOT, 'out/src/core/validate/criteriaValidator.generated.js'))});`,
      `const data = require(${JSON.stringify(path.join(ROOT, 'node_modules/yaml'))}).parse(require('fs').readFileSync(${JSON.stringify(EXAMPLE)}, 'utf8'));`,
      `if (!validate(data) || validate({}) !== false) throw new Error('validation did not run');`,
      `process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]ajv[\\\\/]/.test(f))));`,
    ].join('\n');
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    const compiler = loaded.filter((f) => /ajv[\\/]dist[\\/](compile[\\/]|core\.js|ajv\.js|vocabularies[\\/])/.test(f));
    assert.deepEqual(compiler, [], `loading the generated validator loaded ajv's compiler: ${compiler.join(', ')}`);
    assert.ok(loaded.every((f) => /ajv[\\/]dist[\\/]runtime[\\/]/.test(f)), `only ajv/dist/runtime/* should load: ${loaded.join(', ')}`);
  });
});

function walkLeaves(nodes: Loose[], visit: (leaf: Loose) => void): void {
  for (const n of nodes ?? []) {
    if (Array.isArray(n.children)) walkLeaves(n.children, visit);
    else visit(n);
  }
}
