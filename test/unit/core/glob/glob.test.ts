// The linear-time glob matcher (src/core/glob) against picomatch itself: same answer for every glob and name,
// adversarial ones included (many wildcards of every kind, long names made of the glob's own letters).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { globMatcher, globProblem, globRunner, globTest, REQUIREMENT_GLOB_OPTIONS, type GlobOptions } from '../../../../src/core/glob/glob';
import { compileRegex } from '../../../../src/core/glob/regexVm';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';

/** The option sets the code uses: requirements, history and criteria-file settings, ignore rules. */
const OPTIONS: GlobOptions[] = [REQUIREMENT_GLOB_OPTIONS, { dot: false }, { dot: true, nobrace: true, noextglob: true, nonegate: true, posix: true }];

const piece = fc.constantFrom(
  '*', '*', '*', '?', '**', '**/', '/**', '/', 'a', 'a', 'b', 'c', '.', '.pdf', ' ', 'ế', '-',
  '[ab]', '[!a]', '[^b]', '[a-c]', '[[:alpha:]]', '[.]', ']', '[',
  '{a,b}', '{a,*}', '{x,{a,b}}', '{1..3}', '{a,aa}',
  '@(a|b)', '!(a)', '!(*a*)', '+(a|ab)', '*(b)', '?(a)', '@(*a|a*)', '(a|b)', '\\*', '(?!a)', '(?=.)', '$', '^',
);
const globArb = fc.array(piece, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
const letter = fc.constantFrom('a', 'a', 'a', 'b', 'c', '.', '/', ' ', 'ế', 'x', '-', '1', '\n');
/** Short names, long names (200+), and names built from the glob with its wildcards filled in. */
const nameFor = (glob: string) =>
  fc.oneof(
    fc.array(letter, { maxLength: 12 }).map((l) => l.join('')),
    fc.tuple(fc.array(letter, { minLength: 200, maxLength: 260 }), fc.constantFrom('', '.pdf', 'c.pdf', 'b')).map(([l, end]) => l.join('') + end),
    fc.array(letter, { maxLength: 6 }).map((l) => glob.replace(/[*?]+/g, l.join(''))),
    fc.nat(40).map((n) => 'a'.repeat(n * 6) + glob.replace(/[^a-z./]/g, '')),
  );

describe('glob matcher: the same answers as picomatch, in linear time', function () {
  this.timeout(120000);

  it('answers as picomatch does for adversarial globs and long names', () => {
    const case_ = globArb.chain((glob) => fc.tuple(fc.constant(glob), fc.constantFrom(...OPTIONS), fc.array(nameFor(glob), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(case_, ([glob, options, names]) => {
        let reference: (s: string) => boolean;
        try {
          reference = picomatch(glob, options);
        } catch {
          return; // picomatch refuses the glob: so does every caller
        }
        const mine = globTest(glob, options);
        for (const name of names) assert.equal(mine(name), reference(name), `${JSON.stringify(glob)} ${JSON.stringify(options)} ${JSON.stringify(name)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('runs the expressions JavaScript would backtrack on without its engine', () => {
    for (const glob of ['*a*a*a*a*a*a*a*a*a*a*c.pdf', `${'?*'.repeat(15)}c`, `${'**/'.repeat(10)}*a*a*a*c`, '{a,aa}{a,aa}{a,aa}*c', '!(*a*a*a*b)', `${'[a-z]*'.repeat(12)}c`]) {
      assert.equal(globRunner(glob, REQUIREMENT_GLOB_OPTIONS), 'states', glob);
    }
    // One repetition of one character cannot backtrack more than the rest of the pattern: the engine runs it.
    for (const glob of ['*.pdf', 'Kế hoạch*.pdf', 'a/b/*.docx', 'x?y.pdf', 'Báo cáo.pdf']) assert.equal(globRunner(glob, REQUIREMENT_GLOB_OPTIONS), 'engine', glob);
    // And the answer of the worst case is the right one, including on names that do match.
    const test = globTest('*a*a*a*a*a*a*a*a*a*a*a*a*c.pdf', REQUIREMENT_GLOB_OPTIONS);
    assert.equal(test('a'.repeat(300)), false);
    assert.equal(test(`${'a'.repeat(300)}c.pdf`), true);
    assert.equal(test(`.${'a'.repeat(300)}c.pdf`), false, 'a leading dot is not matched by *');
  });

  it('runs the regular-expression syntax picomatch lets through, with JavaScript semantics', () => {
    const sources = ['^a\\d+$', '^(?:x|y)\\b', '\\Bq', '^[\\w-]+$', '^[^\\s]*$', '^.$', '^\\x41\\u00e9$', '^(?=a)(?!ab)a', '^a{2,3}$', '^a{2}$', '^[]$', '^[^]$', '^[\\D]$', '^[^\\W\\d]$', 'a{,2}', '^\\cJ$'];
    const inputs = ['', 'a', 'aa', 'aaa', 'ab', 'x', 'y z', 'Aé', 'é', '\n', '1', '_', 'a{,2}', 'q', 'aq', '-a'];
    for (const source of sources) {
      const native = new RegExp(source);
      const mine = compileRegex(source);
      for (const s of inputs) assert.equal(mine(s), native.test(s), `/${source}/ on ${JSON.stringify(s)}`);
    }
  });

  it('refuses look-behinds (no linear-time algorithm): RE201 on the requirement, which then matches only its own text', () => {
    assert.equal(globProblem('(?<=a)b*.pdf', REQUIREMENT_GLOB_OPTIONS), 'regexSyntax');
    assert.equal(globProblem('a*b*.pdf', REQUIREMENT_GLOB_OPTIONS), undefined);
    assert.equal(globTest('(?<=a)b*.pdf', REQUIREMENT_GLOB_OPTIONS)('ab.pdf'), false);
    assert.throws(() => globMatcher('(?<!a)b', OPTIONS[1]), /unsupported pattern/);
    const doc = parseCriteria(
      [
        'reformEvidence: 1',
        'index: { id: x, title: x, year: 2025 }',
        'units: { VP: { name: VP } }',
        'criteria:',
        '  - id: "1"',
        '    title: A',
        '    maxScore: 1',
        '    owner: VP',
        '    evidence:',
        '      - { title: t, path: "a/(?<=x)*.pdf" }',
        '',
      ].join('\n'),
      '/w/criteria.yaml',
    );
    const problem = doc.problems.find((p) => p.code === 'RE201');
    assert.ok(problem, JSON.stringify(doc.problems));
    assert.equal(problem.range.start.line, 9);
    assert.match(problem.message, /look-behind/);
  });
});
