// The problem-code tables in docs/ are generated from the core's messages (scripts/problem-codes.mjs):
// the committed tables must be what the script writes today, and the severities they state must be the
// ones the core reports for the corpus files.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { t } from '../../../../src/core/i18n/messages';
import { loadCriteria } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, tempDir } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../../../..');
const TABLES = ['problem-codes.md', 'vi/problem-codes.md'];

/** code → severity column of a generated table. */
function severities(markdown: string): Map<string, string> {
  const rows = [...markdown.matchAll(/^\| (RE\d{3}) \| ([^|]+) \|/gm)];
  return new Map(rows.map((m) => [m[1], m[2].trim()]));
}

describe('problem-code tables (docs/problem-codes.md)', () => {
  after(cleanupTempDirs);

  it('are what scripts/problem-codes.mjs writes from src/core/i18n/messages.ts', () => {
    const out = tempDir();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/problem-codes.mjs'), '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    for (const table of TABLES) {
      const fresh = readFileSync(path.join(out, table), 'utf8');
      const committed = readFileSync(path.join(ROOT, 'docs', table), 'utf8');
      assert.equal(committed, fresh, `docs/${table} is stale: run node scripts/problem-codes.mjs and commit it`);
    }
  });

  it('show each code with the message the checker prints, in English and Vietnamese', () => {
    const en = readFileSync(path.join(ROOT, 'docs/problem-codes.md'), 'utf8');
    const vi = readFileSync(path.join(ROOT, 'docs/vi/problem-codes.md'), 'utf8');
    assert.ok(en.includes(`| RE205 | warning | ${t('en', 'RE205', '{0}')} |`), 'RE205 row in English');
    assert.ok(vi.includes(`| RE205 | cảnh báo | ${t('vi', 'RE205', '{0}')} |`), 'RE205 row in Vietnamese');
    assert.deepEqual([...severities(vi).keys()], [...severities(en).keys()]);
  });

  it('state the severity the core reports for every code the corpus files produce', async () => {
    const table = severities(readFileSync(path.join(ROOT, 'docs/problem-codes.md'), 'utf8'));
    const dir = path.join(ROOT, 'test/corpus/files');
    const seen = new Map<string, string>();
    for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const doc = await loadCriteria(path.join(dir, name));
      for (const problem of doc.problems) {
        assert.equal(table.get(problem.code), problem.severity, `${problem.code} in ${name}`);
        seen.set(problem.code, problem.severity);
      }
    }
    assert.ok(seen.size >= 10 && [...seen.values()].includes('warning'), `the corpus exercises errors and warnings: ${[...seen.keys()].join(' ')}`);
  });
});
