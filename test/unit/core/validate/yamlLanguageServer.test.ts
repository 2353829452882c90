import * as os from 'node:os';
// The schema as Red Hat's YAML extension uses it: through the real yaml-language-server 1.25 language service,
// associated the way that extension associates an extension's `yamlValidation` contribution.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from 'yaml-language-server/out/server/src/languageservice/yamlLanguageService';

const ROOT = path.resolve(__dirname, '../../../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { yamlValidation: Array<{ fileMatch: string | string[]; url: string }>; configuration: { properties: Record<string, { default?: unknown }> } };
};
const schemaFile = path.join(ROOT, 'schemas/criteria.schema.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { definitions: { criterion: { properties: Record<string, unknown> } } };
const EXAMPLE_FILE = path.join(ROOT, 'examples/ward-2025/criteria.yaml');
const EXAMPLE = readFileSync(EXAMPLE_FILE, 'utf8');

/** The contribution as vscode-yaml hands it to the server: the url made absolute, "/" put before a bare fileMatch. */
function contributedSchemas(): Array<{ uri: string; fileMatch: string[] }> {
  return manifest.contributes.yamlValidation.map(({ fileMatch, url }) => ({
    uri: url.startsWith('./') ? pathToFileURL(path.join(ROOT, url)).toString() : url,
    fileMatch: (Array.isArray(fileMatch) ? fileMatch : [fileMatch]).map((m) => (/^(\w+:\/\/|\/|!)/.test(m) ? m : '/' + m)),
  }));
}

function service(): LanguageService {
  const ls = getLanguageService({
    schemaRequestService: (uri) => Promise.resolve(readFileSync(fileURLToPath(uri), 'utf8')),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  ls.configure({ validate: true, completion: true, hover: true, schemas: contributedSchemas() });
  return ls;
}

const withoutModeline = (text: string) => text.replace(/^# yaml-language-server:.*\r?\n/, '');
// The server caches a parse per URI and version: every text gets a version of its own.
let version = 0;
const documentAt = (file: string, text: string) => TextDocument.create(pathToFileURL(file).toString(), 'yaml', ++version, text);

function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  return line;
}

const BROKEN = `reformEvidence: 1
index: { id: phuong-x-2025, title: "Phường X", year: "2025" }
units:
  VP: { name: "Văn phòng", colour: red }
criteria:
  - id: "1"
    maxScore: 1
    owner: VP
    evidence: [{ title: "Kế hoạch", path: "1/*.pdf" }]
`;

describe('yaml-language-server 1.25 with the criteria schema', function () {
  this.timeout(60_000);
  const ls = service();

  it('the yamlValidation contribution points at the schema and matches what reformEvidence.criteriaFiles matches', async () => {
    const schemas = contributedSchemas();
    assert.equal(schemas.length, 1);
    assert.equal(fileURLToPath(schemas[0].uri), schemaFile);
    const setting = manifest.contributes.configuration.properties['reformEvidence.criteriaFiles'].default as string;
    const inSetting = picomatch(setting);
    for (const relative of ['criteria.yaml', 'criteria.yml', 'ward/2025/criteria.yaml', 'other.yaml', 'mycriteria.yaml', 'criteria.yaml.bak', 'criteria.json']) {
      const problems = await ls.doValidation(documentAt(path.join('/ws', relative), BROKEN), false);
      assert.equal(problems.length > 0, inSetting(relative), `${relative}: schema applied ${problems.length > 0}, setting matches ${inSetting(relative)}`);
    }
  });

  it('finds no problem in the example criteria file, with its modeline or through the contribution', async () => {
    assert.deepEqual(await ls.doValidation(documentAt(EXAMPLE_FILE, EXAMPLE), false), []);
    assert.deepEqual(await ls.doValidation(documentAt('/ws/criteria.yaml', withoutModeline(EXAMPLE)), false), []);
  });

  it('validates a copy of the example outside the repository through the contribution alone (no modeline to break)', async () => {
    assert.ok(!EXAMPLE.includes('yaml-language-server:'), 'a relative $schema modeline resolves only inside this repository');
    const copy = path.join(os.tmpdir(), 'ward-copy', 'criteria.yaml');
    assert.deepEqual(await ls.doValidation(documentAt(copy, EXAMPLE), false), []);
    const broken = await ls.doValidation(documentAt(copy, EXAMPLE.replace('maxScore: 11', 'maxScore: "11"')), false);
    assert.equal(broken.length, 1, 'the schema is applied to the copy');
  });

  it('does check the example: a maxScore written as text is reported on its line', async () => {
    const text = withoutModeline(EXAMPLE).replace('maxScore: 11', 'maxScore: "mười một"');
    const problems = await ls.doValidation(documentAt('/ws/criteria.yaml', text), false);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].range.start.line, lineOf(text, 'maxScore: "mười một"'));
    assert.match(problems[0].message, /number/);
  });

  it('reports a wrong type, an unknown property and a missing title at their lines', async () => {
    const problems = await ls.doValidation(documentAt('/ws/criteria.yaml', BROKEN), false);
    const at = (line: number) => problems.filter((p) => p.range.start.line === line).map((p) => p.message);
    assert.deepEqual(at(lineOf(BROKEN, 'year: "2025"')), ['Incorrect type. Expected "integer".']);
    assert.deepEqual(at(lineOf(BROKEN, 'colour: red')), ['Property colour is not allowed.']);
    assert.ok(at(lineOf(BROKEN, '- id: "1"')).some((m) => m.includes('"title"')), JSON.stringify(problems));
    assert.equal(problems.length, 3, JSON.stringify(problems.map((p) => p.message)));
  });

  it('completes the properties of a criterion that are not written yet', async () => {
    const text = 'reformEvidence: 1\nindex: { id: x, title: y }\nunits:\n  VP: { name: A }\ncriteria:\n  - id: "1"\n    title: T\n    \n';
    const list = await ls.doComplete(documentAt('/ws/criteria.yaml', text), { line: 7, character: 4 }, false);
    const expected = Object.keys(schema.definitions.criterion.properties).filter((p) => p !== 'id' && p !== 'title');
    assert.deepEqual(list.items.map((i) => i.label).sort(), expected.sort());
  });

  it('shows the schema description on hover', async () => {
    const text = withoutModeline(EXAMPLE);
    const line = lineOf(text, 'owner: VHXH');
    const hover = await ls.doHover(documentAt('/ws/criteria.yaml', text), { line, character: text.split('\n')[line].indexOf('owner') + 1 });
    const contents = hover?.contents as { value: string } | undefined;
    assert.ok(contents?.value.includes('Mã đơn vị chủ trì'), JSON.stringify(hover));
  });
});
