#!/usr/bin/env node
// Compiles schemas/criteria.schema.json ahead of time with ajv's standalone code generation
// (https://ajv.js.org/standalone.html) into src/core/validate/criteriaValidator.generated.ts, so that
// validating a criteria file needs neither ajv's compiler nor the ~100 ms it takes to compile the schema.
//
//   node scripts/generate-validator.mjs            write the file (only if its content changed)
//   node scripts/generate-validator.mjs --check    exit 1 if the committed file is out of date
//   node scripts/generate-validator.mjs --stdout   print what the file should contain
//
// The output depends only on the schema, the installed ajv and this script: the same inputs give the
// same bytes. scripts/build.mjs calls validatorUpToDate() and regenerates when the fingerprint in the
// header no longer matches; test/unit/core/validate/schemaGenerated.test.ts fails when the committed file is stale.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
export const root = path.resolve(path.dirname(here), '..');
export const schemaFile = path.join(root, 'schemas/criteria.schema.json');
export const outputFile = path.join(root, 'src/core/validate/criteriaValidator.generated.ts');
const require = createRequire(path.join(root, 'package.json'));

/**
 * The options of the validator: the same as schema.ts used with a run-time `ajv.compile`, so the errors
 * (keyword, instancePath, schemaPath, params, message) are the same. `code` only shapes the emitted source.
 */
export const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true };
/** Keywords of the schema that carry no validation (VS Code's YAML/JSON hover text). */
export const ANNOTATION_KEYWORDS = ['markdownDescription'];

/**
 * What the generated code depends on: the schema (as JSON, so its layout and line endings do not count),
 * the ajv version and this script. Cheap: no ajv load.
 */
export function fingerprint() {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(JSON.parse(readFileSync(schemaFile, 'utf8'))));
  hash.update('\0ajv ' + ajvVersion() + '\0');
  hash.update(readFileSync(here, 'utf8').replace(/\r\n/g, '\n'));
  return hash.digest('hex').slice(0, 16);
}

function ajvVersion() {
  return JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')).version;
}

/** The content of src/core/validate/criteriaValidator.generated.ts. */
export function generateValidator() {
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword(keyword);
  const code = standaloneCode(ajv, ajv.compile(schema)).replace(/^"use strict";\n/, '');
  const header = [
    '// GENERATED FILE, DO NOT EDIT: `node scripts/generate-validator.mjs` writes it (and `npm run build` when it is out of date).',
    '// The validator of schemas/criteria.schema.json, compiled ahead of time by ajv standalone code generation',
    `// (ajv ${ajvVersion()}, options ${JSON.stringify(AJV_OPTIONS)}, keyword ${ANNOTATION_KEYWORDS.join(', ')}).`,
    '// It requires only ajv/dist/runtime/* helpers, never ajv itself. test/unit/core/validate/schemaGenerated.test.ts fails when it is stale.',
    `// fingerprint: ${fingerprint()}`,
    '// @ts-nocheck',
  ];
  return `${header.join('\n')}\n${code.endsWith('\n') ? code : code + '\n'}`;
}

/** The file on disk with its line endings made \n (a Windows checkout may turn them to \r\n), or undefined. */
function readCurrent() {
  try {
    return readFileSync(outputFile, 'utf8').replace(/\r\n/g, '\n');
  } catch {
    return undefined;
  }
}

/** Whether the file on disk was generated from the current inputs, judged by its fingerprint line. */
export function validatorUpToDate() {
  return readCurrent()?.includes(`\n// fingerprint: ${fingerprint()}\n`) ?? false;
}

/** Writes the file if its content differs; returns whether it wrote. */
export function writeValidator() {
  const code = generateValidator();
  if (readCurrent() === code) return false;
  writeFileSync(outputFile, code);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  const relative = path.relative(root, outputFile);
  if (process.argv.includes('--stdout')) {
    process.stdout.write(generateValidator());
  } else if (process.argv.includes('--check')) {
    if (readCurrent() !== generateValidator()) {
      console.error(`${relative} is out of date with schemas/criteria.schema.json: run node scripts/generate-validator.mjs`);
      process.exit(1);
    }
  } else {
    console.log(writeValidator() ? `wrote ${relative}` : `${relative} is up to date`);
  }
}
