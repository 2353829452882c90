#!/usr/bin/env node
// Merges per-folder Stryker incremental files (each measured with its own spec, see docs/mutation.md) into
// reports/stryker-incremental.json. Test ids are per run ("0", "1", …), so each input's ids get a prefix;
// a source file measured again replaces its earlier entry.
//   node scripts/mutation-merge.mjs /tmp/inc-validate.json /tmp/inc-measure.json
import { readFileSync, writeFileSync } from 'node:fs';

const target = 'reports/stryker-incremental.json';
const merged = JSON.parse(readFileSync(target, 'utf8'));
const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  console.error('usage: node scripts/mutation-merge.mjs INCREMENTAL.json…');
  process.exit(2);
}
const stamp = Date.now().toString(36);
inputs.forEach((file, n) => {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const id = (old) => `${stamp}${n}-${old}`;
  const ids = (list) => list?.map(id);
  for (const [name, entry] of Object.entries(report.files)) {
    merged.files[name] = { ...entry, mutants: entry.mutants.map((m) => ({ ...m, coveredBy: ids(m.coveredBy), killedBy: ids(m.killedBy) })) };
  }
  merged.testFiles ??= {};
  for (const [name, entry] of Object.entries(report.testFiles ?? {})) {
    merged.testFiles[name] = { ...entry, tests: entry.tests.map((t) => ({ ...t, id: id(t.id) })) };
  }
});
writeFileSync(target, JSON.stringify(merged, null, 2) + '\n');
for (const [name, entry] of Object.entries(merged.files)) {
  const count = (s) => entry.mutants.filter((m) => s.includes(m.status)).length;
  const killed = count(['Killed', 'Timeout']);
  const all = killed + count(['Survived', 'NoCoverage']);
  console.log(`${name}: ${all ? ((100 * killed) / all).toFixed(2) : '-'}% (${killed} of ${all})`);
}
