import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSafeBranch, parseWardsFile, remoteProblem } from '../../../../src/core/portfolio/fetch';
import { cli, isolateGitConfig } from '../../gitHelpers';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';

/** A bare remote on disk holding a ward (criteria + one file), that serves partial clones. */
function bareWard(name: string): { bare: string; url: string } {
  const work = initRepo();
  writeFiles(work, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/kh.pdf': `plan of ${name}` });
  git(work, 'add', '.');
  git(work, 'commit', '-q', '-m', 'import');
  const bare = path.join(tempDir('re-remote-'), `${name}.git`);
  git(path.dirname(bare), 'clone', '-q', '--bare', work, bare);
  git(bare, 'config', 'uploadpack.allowFilter', 'true');
  return { bare, url: pathToFileURL(bare).href };
}

describe('portfolio fetch', () => {
  isolateGitConfig();
  afterEach(cleanupTempDirs);

  it('reads wards.yaml and places every problem at its line and column', () => {
    const text = ['wards:', '  - id: a', '    remote: https://example.org/a.git', '  - id: a', '    remote: "-uhack"', '  - id: ../up', '    remote: ext::sh -c touch% /tmp/x', '    branch: "--force"', '  - remote: x', '    colour: red', ''].join('\n');
    const { wards, problems } = parseWardsFile(text, 'en');
    assert.deepEqual(wards, [{ id: 'a', remote: 'https://example.org/a.git' }]);
    const at = problems.map((p) => `${p.line}:${p.col} ${p.message}`);
    assert.deepEqual(at, [
      '4:9 Duplicate id "a" (first on line 2).',
      '5:13 The remote "-uhack" starts with "-": Git would read it as an option; it is refused.',
      '6:9 Invalid id "../up": it names the clone\'s folder, so letters, digits, ".", "_" and "-" only, starting with a letter or digit.',
      '7:13 The remote "ext::sh -c touch% /tmp/x" uses a transport that runs a program (ext::, fd::); it is refused.',
      '8:13 Invalid branch "--force".',
      '10:5 Unknown key "colour" (expected id, remote, branch).',
      '9:5 This ward has no "id".',
    ]);
    assert.deepEqual(parseWardsFile('wards: [a\n', 'vi').problems.map((p) => [p.line, p.message.startsWith('Lỗi cú pháp YAML')]), [[2, true]]);
    assert.match(parseWardsFile('id: a\n', 'en').problems[0].message, /must be a list/);
    assert.equal(remoteProblem('/srv/git/a.git'), undefined);
    assert.equal(remoteProblem('-oProxyCommand=x'), 'option');
    assert.deepEqual(['main', 'release/2025', '-x', 'a..b', 'a.lock', 'x@{1}'].map(isSafeBranch), [true, true, false, false, false, false]);
  });

  it('clones each remote partially, reports a failed one, and fast-forwards on the next run', async () => {
    const a = bareWard('phuong-a');
    const b = bareWard('phuong-b');
    const city = tempDir('re-city-');
    const missing = pathToFileURL(path.join(city, 'no-such.git')).href;
    writeFileSync(path.join(city, 'wards.yaml'), `- { id: phuong-a, remote: "${a.url}", branch: main }\n- { id: xa-lost, remote: "${missing}" }\n- { id: phuong-b, remote: "${b.url}" }\n`);
    const first = await cli(['portfolio', 'fetch', 'wards.yaml', '--jobs', '2'], city);
    assert.equal(first.code, 1, first.err);
    assert.match(first.out, /^phuong-a\tcloned$/m);
    assert.match(first.out, /^phuong-b\tcloned$/m);
    assert.match(first.out, /^xa-lost\tFAILED\tCloning .*no-such\.git failed: /m);
    assert.match(first.out, /2 cloned, 0 updated, 1 failed\./);
    assert.equal(readFileSync(path.join(city, 'phuong-a', 'criteria.yaml'), 'utf8'), sampleCriteria());
    assert.equal(git(path.join(city, 'phuong-a'), 'config', 'remote.origin.partialclonefilter').trim(), 'blob:none');
    assert.equal(existsSync(path.join(city, 'xa-lost')), false);

    // A unit pushes new evidence to ward A; the next fetch brings it.
    const unit = tempDir('re-unit-');
    git(unit, 'clone', '-q', a.bare, 'w');
    writeFiles(path.join(unit, 'w'), { 'evidence/1.2 Báo cáo/q1.pdf': 'q1' });
    git(path.join(unit, 'w'), 'add', '.');
    git(path.join(unit, 'w'), '-c', 'user.name=U', '-c', 'user.email=u@example.com', 'commit', '-q', '-m', 'q1');
    git(path.join(unit, 'w'), 'push', '-q');
    const second = await cli(['portfolio', 'fetch', path.join(city, 'wards.yaml'), '--json'], unit);
    const results = JSON.parse(second.out) as Array<{ id: string; action: string }>;
    assert.deepEqual(results.map((r) => `${r.id} ${r.action}`), ['phuong-a updated', 'xa-lost failed', 'phuong-b updated']);
    assert.equal(readFileSync(path.join(city, 'phuong-a', 'evidence', '1.2 Báo cáo', 'q1.pdf'), 'utf8'), 'q1');

    // The portfolio reads the clones.
    const p = await cli(['portfolio', city, '--json', '--as-of', '2025-06-01'], city);
    assert.equal(p.code, 0, p.err);
    assert.deepEqual((JSON.parse(p.out) as { wards: Array<{ path: string }> }).wards.map((w) => w.path), ['phuong-a', 'phuong-b']);
  });

  it('leaves alone a folder that is not a clone of the listed remote', async () => {
    const a = bareWard('phuong-a');
    const city = tempDir('re-city-');
    mkdirSync(path.join(city, 'phuong-a'));
    initRepo(path.join(city, 'phuong-a'));
    mkdirSync(path.join(city, 'plain'));
    writeFileSync(path.join(city, 'wards.yaml'), `- { id: phuong-a, remote: "${a.url}" }\n- { id: plain, remote: "${a.url}" }\n`);
    const run = await cli(['portfolio', 'fetch', 'wards.yaml'], city);
    assert.equal(run.code, 1);
    assert.match(run.out, /^phuong-a\tFAILED\t.* is a clone of "", not of "file:/m);
    assert.match(run.out, /^plain\tFAILED\t.* exists and is not a Git clone/m);
  });

  it('refuses an invalid wards.yaml with exit 2 and file:line:col, before any Git call', async () => {
    const city = tempDir('re-city-');
    writeFileSync(path.join(city, 'wards.yaml'), '- id: a\n  remote: --upload-pack=touch /tmp/pwned\n');
    const run = await cli(['portfolio', 'fetch', 'wards.yaml'], city);
    assert.equal(run.code, 2);
    assert.match(run.err, /wards\.yaml is not a valid list of wards \(1 problem\(s\)\)\.\nwards\.yaml:2:11: The remote "--upload-pack=touch \/tmp\/pwned" starts with "-"/);
    assert.equal(existsSync(path.join(city, 'a')), false);
    assert.equal((await cli(['portfolio', 'fetch'], city)).code, 2);
  });
});
