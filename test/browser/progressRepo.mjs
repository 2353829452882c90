// A Git history for the progress chart: examples/ward-2025 copied to a temporary folder, the criteria files
// committed on 2025-09-01, then the evidence folders committed one area a week (the last one removed again),
// so the secured points rise week after week and fall once.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function commitOn(repo, date, message) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: `${date}T12:00:00`, GIT_COMMITTER_DATE: `${date}T12:00:00`, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '--allow-empty', '--no-gpg-sign', '-m', message], { cwd: repo, env });
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The repository's folder (the caller removes it). */
export function progressRepo(root) {
  const repo = mkdtempSync(path.join(os.tmpdir(), 're-progress-'));
  cpSync(path.join(root, 'examples/ward-2025'), repo, { recursive: true });
  const held = path.join(repo, '..', `${path.basename(repo)}-evidence`);
  renameSync(path.join(repo, 'evidence'), held);
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  commitOn(repo, '2025-09-01', 'criteria');
  const areas = readdirSync(held).sort();
  let date = '2025-09-03';
  for (const area of areas) {
    cpSync(path.join(held, area), path.join(repo, 'evidence', area), { recursive: true });
    commitOn(repo, date, `evidence: ${area}`);
    date = addDays(date, 7);
  }
  rmSync(path.join(repo, 'evidence', areas[0]), { recursive: true });
  commitOn(repo, date, `removed: ${areas[0]}`);
  rmSync(held, { recursive: true });
  return repo;
}
