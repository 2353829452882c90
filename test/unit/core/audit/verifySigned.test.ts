// `verify` promises the README makes and no other test checks: --require-signed with a good, bad, expired,
// revoked and unknown-key signature (GPG keys made here, in a private GNUPGHOME), a criteria file in a
// subfolder of the repository, and a commit whose only owner trailer is `Task:`.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';
import { cli, sha256, ward } from '../../gitHelpers';

interface Report {
  commits: number;
  problems: Array<{ kind: string; subject: string; signature?: string; path?: string }>;
}

/** A private GPG home (short path: gpg-agent's socket must fit in 108 bytes). */
function gpgHome(): string {
  const home = tempDir('re-gpg-');
  chmodSync(home, 0o700);
  return home;
}

function gpg(home: string, ...args: string[]): string {
  return execFileSync('gpg', ['--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { encoding: 'utf8', env: { ...process.env, GNUPGHOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A new signing key; returns its fingerprint. */
function newKey(home: string, uid: string, expire = '1d'): string {
  gpg(home, '--quick-gen-key', uid, 'ed25519', 'sign', expire);
  const fpr = gpg(home, '--list-keys', '--with-colons', uid)
    .split('\n')
    .find((l) => l.startsWith('fpr:'));
  assert.ok(fpr, `a fingerprint for ${uid}`);
  return fpr.split(':')[9];
}

/** An evidence commit with correct trailers, signed with `key` from `home`. Returns the file's repository path. */
function signedEvidence(repo: string, home: string, key: string, name: string): void {
  const file = `evidence/1.1 Kế hoạch/${name}.pdf`;
  writeFiles(repo, { [file]: `content of ${name}` });
  git(repo, 'add', file);
  execFileSync('git', ['-c', 'gpg.program=gpg', '-c', `user.signingkey=${key}`, 'commit', '-q', `-S${key}`, '-m', `evidence(1.1): add ${name}`, '-m', `Criterion: 1.1\nEvidence-SHA256: ${sha256(`content of ${name}`)} ${file}`], {
    cwd: repo,
    env: { ...process.env, GNUPGHOME: home, GIT_CONFIG_NOSYSTEM: '1' },
    stdio: 'pipe',
  });
}

async function verifyJson(repo: string, args: string[]): Promise<{ code: number; report: Report }> {
  const r = await cli(['verify', '--json', ...args], repo);
  assert.ok(r.out.trim().startsWith('{'), `JSON from verify: ${r.out}${r.err}`);
  return { code: r.code, report: JSON.parse(r.out) as Report };
}

describe('verify --require-signed: good, bad, expired, revoked and unknown-key signatures', function () {
  this.timeout(60_000);
  const savedHome = process.env.GNUPGHOME;
  const homes: string[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) {
      try {
        execFileSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
      } catch {
        // no agent was started
      }
    }
    if (savedHome === undefined) delete process.env.GNUPGHOME;
    else process.env.GNUPGHOME = savedHome;
    cleanupTempDirs();
  });

  // Needs gpg (Debian's gnupg, installed by .ci/run): without it the test fails rather than being skipped.
  it('accepts only the good signature and names each other one with its status letter', async () => {
    const { repo } = ward();
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    const home = gpgHome();
    const stranger = gpgHome();
    homes.push(home, stranger);

    // Expired: a key that lives 3 s signs at once; by the time verify runs it has expired.
    const expiring = newKey(home, 'Expiring <expiring@example.com>', 'seconds=3');
    const expiresAt = Date.now() + 4000;
    signedEvidence(repo, home, expiring, 'expired');
    // Good.
    const good = newKey(home, 'Good <good@example.com>');
    signedEvidence(repo, home, good, 'good');
    // Bad: a signed commit whose message was changed afterwards (the signature no longer covers the content).
    signedEvidence(repo, home, good, 'bad');
    const raw = git(repo, 'cat-file', 'commit', 'HEAD');
    const forged = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo, input: raw.replace('evidence(1.1): add bad', 'evidence(1.1): add bad (edited)'), encoding: 'utf8' }).trim();
    git(repo, 'update-ref', 'HEAD', forged);
    // Revoked: signed, then the key's revocation certificate (made by gpg with the key) is imported.
    const revoked = newKey(home, 'Revoked <revoked@example.com>');
    signedEvidence(repo, home, revoked, 'revoked');
    const certificate = path.join(home, 'openpgp-revocs.d', readdirSync(path.join(home, 'openpgp-revocs.d')).find((f) => f.startsWith(revoked)) ?? 'missing');
    const armoured = path.join(home, 'revoke.asc');
    writeFileSync(armoured, readFileSync(certificate, 'utf8').replace(/^:-----BEGIN/m, '-----BEGIN'));
    gpg(home, '--import', armoured);
    // Unknown key: signed with a key of another keyring, which verify's GPG does not have.
    const unknown = newKey(stranger, 'Stranger <stranger@example.com>');
    signedEvidence(repo, stranger, unknown, 'unknown');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now())));
    process.env.GNUPGHOME = home;
    const { code, report } = await verifyJson(repo, ['--since', base, '--require-signed']);
    assert.equal(code, 1);
    assert.equal(report.commits, 5);
    const bySubject = Object.fromEntries(report.problems.map((p) => [p.subject.replace('evidence(1.1): add ', ''), `${p.kind} ${p.signature ?? ''}`.trim()]));
    assert.deepEqual(bySubject, {
      expired: 'badSignature Y', // good signature by an expired key
      'bad (edited)': 'badSignature B',
      revoked: 'badSignature R',
      unknown: 'badSignature E', // cannot be checked: no such key
    });
    // Without --require-signed the same history is clean: the trailers and hashes are right.
    const plain = await verifyJson(repo, ['--since', base]);
    assert.deepEqual([plain.code, plain.report.problems], [0, []]);
    const text = await cli(['verify', '--since', base, '--require-signed'], repo);
    assert.match(text.out, /signature status "B" \(bad, expired, revoked or cannot be checked\)/);
  });
});

describe('verify: where the criteria file is and which trailers own a commit', () => {
  afterEach(cleanupTempDirs);

  it('checks hashes from the repository top when the criteria file sits in a subfolder', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'wards/an-binh/criteria.yaml': sampleCriteria(), 'README.txt': 'top' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'import');
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    const file = 'wards/an-binh/evidence/1.1 Kế hoạch/a.pdf';
    writeFiles(repo, { [file]: 'a', 'wards/an-binh/evidence/1.1 Kế hoạch/b.pdf': 'b' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'evidence(1.1): add a, b', '-m', `Criterion: 1.1\nEvidence-SHA256: ${sha256('a')} ${file}\nEvidence-SHA256: ${sha256('not b')} wards/an-binh/evidence/1.1 Kế hoạch/b.pdf`);
    const { code, report } = await verifyJson(path.join(repo, 'wards/an-binh'), ['--since', base]);
    assert.equal(code, 1);
    assert.equal(report.commits, 1);
    assert.deepEqual(
      report.problems.map((p) => `${p.kind} ${p.path}`),
      ['hashMismatch wards/an-binh/evidence/1.1 Kế hoạch/b.pdf'],
      'a.pdf matches from the top; only the wrong hash of b.pdf is named',
    );
  });

  it('a commit whose only owner is a Task: trailer is owned; one with neither trailer is not', async () => {
    const { repo } = ward();
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    const file = 'evidence/ISO/danh-sach.pdf';
    writeFiles(repo, { [file]: 'list' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'evidence(NV-01): add danh-sach', '-m', `Task: NV-01\nEvidence-SHA256: ${sha256('list')} ${file}`);
    let r = await verifyJson(repo, ['--since', base]);
    assert.deepEqual([r.code, r.report.commits, r.report.problems], [0, 1, []]);
    writeFiles(repo, { 'evidence/ISO/them.pdf': 'more' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'add more', '-m', `Evidence-SHA256: ${sha256('more')} evidence/ISO/them.pdf`);
    r = await verifyJson(repo, ['--since', base]);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.report.problems.map((p) => `${p.kind} ${p.subject}`),
      ['noCriterion add more'],
    );
  });
});
