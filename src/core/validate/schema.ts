// JSON Schema validation of a criteria file, with each error placed on its YAML source.
// The validator is ajv's standalone code for schemas/criteria.schema.json, generated ahead of time
// (scripts/generate-validator.mjs): no ajv compiler to load, no schema to compile at run time.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import schema from '../../../schemas/criteria.schema.json';
import { t, type Locale } from '../i18n/messages';
import type { Problem, Range } from '../model/types';
import { EMPTY_RANGE, isMap, nodeAtPath, type SourceMap } from '../parse/yamlSource';
import type { YAMLMap } from 'yaml';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // Loaded on first use: activation needs none of it (bench/); the extension bundle keeps it in its own chunk.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    compiled = (require('./criteriaValidator.generated') as { validate: ValidateFunction }).validate;
  }
  return compiled;
}

export const criteriaSchema = schema;

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const viTemplates: Record<string, (e: ErrorObject) => string> = {
  required: (e) => `thiếu thuộc tính bắt buộc "${String(e.params.missingProperty)}"`,
  additionalProperties: (e) => `thuộc tính không được phép "${String(e.params.additionalProperty)}"`,
  type: (e) => `phải có kiểu ${String(e.params.type)}`,
  pattern: (e) => `không đúng mẫu ${String(e.params.pattern)}`,
  const: (e) => `phải bằng ${JSON.stringify(e.params.allowedValue)}`,
  enum: (e) => `phải là một trong ${JSON.stringify(e.params.allowedValues)}`,
  minimum: (e) => `phải ≥ ${String(e.params.limit)}`,
  maximum: (e) => `phải ≤ ${String(e.params.limit)}`,
  exclusiveMinimum: (e) => `phải > ${String(e.params.limit)}`,
  minItems: (e) => `phải có ít nhất ${String(e.params.limit)} phần tử`,
  minLength: (e) => `phải có ít nhất ${String(e.params.limit)} ký tự`,
  minProperties: (e) => `phải có ít nhất ${String(e.params.limit)} mục`,
};

function describe(e: ErrorObject, locale: Locale): string {
  const where = e.instancePath || '/';
  if (locale === 'vi' && viTemplates[e.keyword]) return `${where} ${viTemplates[e.keyword](e)}`;
  if (e.keyword === 'additionalProperties') return `${where} must NOT have additional property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${where} ${e.message ?? ''}: ${JSON.stringify(e.params.allowedValues)}`;
  return `${where} ${e.message ?? e.keyword}`;
}

function rangeOf(e: ErrorObject, doc: Document, map: SourceMap): Range {
  const path = pointerToPath(e.instancePath);
  const { node } = nodeAtPath(doc.contents, path);
  if (e.keyword === 'additionalProperties') {
    const { keyNode } = nodeAtPath(doc.contents, [...path, String(e.params.additionalProperty)]);
    if (keyNode) return map.ofNode(keyNode, EMPTY_RANGE);
  }
  if (e.keyword === 'required' && isMap(node)) {
    // Point at the first key of the incomplete mapping: a whole-node range would cover its subtree.
    const first = (node as YAMLMap).items[0]?.key as Parameters<SourceMap['ofNode']>[0];
    if (first) return map.ofNode(first, EMPTY_RANGE);
  }
  return map.ofNode(node, EMPTY_RANGE);
}

/** Schema problems of a parsed document; `data` is the document as plain JS. */
export function schemaProblems(data: unknown, doc: Document, map: SourceMap, file: string, locale: Locale): Problem[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'then' && e.keyword !== 'else' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of errors) {
    const message = t(locale, 'RE010', describe(e, locale));
    const range = rangeOf(e, doc, map);
    const key = `${message}@${range.start.line}:${range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ severity: 'error', code: 'RE010', message, file, range, data: { keyword: e.keyword, instancePath: e.instancePath, params: e.params } });
  }
  return problems;
}
