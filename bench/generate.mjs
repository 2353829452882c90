// Synthetic province-scale workspace, deterministic from a seed: a criteria file with N scored leaves in
// 8 areas, M evidence files (Vietnamese NFC names with spaces, deep folders) in a Git repository with
// 1,000+ commits built by one `git fast-import`, plus ignored files under a .gitignore'd scan-tmp/ folder.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, promises as fs, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const AREAS = [
  ['Chỉ đạo điều hành', 'Công tác chỉ đạo, điều hành cải cách hành chính'],
  ['Cải cách thể chế', 'Cải cách thể chế'],
  ['Thủ tục hành chính', 'Cải cách thủ tục hành chính'],
  ['Tổ chức bộ máy', 'Cải cách tổ chức bộ máy hành chính nhà nước'],
  ['Chế độ công vụ', 'Cải cách chế độ công vụ'],
  ['Tài chính công', 'Cải cách tài chính công'],
  ['Chính quyền số', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số'],
  ['Tác động CCHC', 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội'],
];
const TOPICS = [
  'Kế hoạch CCHC', 'Báo cáo định kỳ', 'Kiểm tra CCHC', 'Tuyên truyền CCHC', 'Rà soát văn bản QPPL', 'Theo dõi thi hành pháp luật',
  'Công khai thủ tục', 'Một cửa liên thông', 'Dịch vụ công trực tuyến', 'Số hóa hồ sơ', 'Vị trí việc làm', 'Tinh giản biên chế',
  'Đánh giá cán bộ', 'Đào tạo bồi dưỡng', 'Kỷ luật kỷ cương', 'Tự chủ tài chính', 'Quản lý tài sản công', 'Thực hành tiết kiệm',
  'Hệ thống ISO 9001', 'Chữ ký số', 'Hội nghị trực tuyến', 'An toàn thông tin', 'Mức độ hài lòng', 'Phản ánh kiến nghị',
  'Giải quyết khiếu nại', 'Phổ biến giáo dục pháp luật', 'Sáng kiến cải cách', 'Chuyển đổi số', 'Thanh toán trực tuyến', 'Dữ liệu dân cư',
];
const VERBS = ['Ban hành', 'Triển khai', 'Tổ chức thực hiện', 'Kiểm tra, đánh giá', 'Tổng hợp kết quả', 'Công khai', 'Cập nhật', 'Rà soát'];
const DOC_KINDS = [
  ['Quyết định', 'pdf'], ['Kế hoạch', 'pdf'], ['Báo cáo', 'pdf'], ['Công văn', 'pdf'], ['Biên bản', 'pdf'], ['Tờ trình', 'docx'],
  ['Danh sách', 'xlsx'], ['Bảng tổng hợp', 'xlsx'], ['Thông báo', 'pdf'], ['Hình ảnh', 'jpg'],
];
const UNITS = [
  ['VP', 'Văn phòng HĐND và UBND'], ['VHXH', 'Phòng Văn hóa - Xã hội'], ['KTHTDT', 'Phòng Kinh tế, Hạ tầng và Đô thị'],
  ['TTPVHCC', 'Trung tâm phục vụ hành chính công'], ['TTSNC', 'Trung tâm sự nghiệp công'], ['TP', 'Phòng Tư pháp'],
  ['TCKH', 'Phòng Tài chính - Kế hoạch'], ['NV', 'Phòng Nội vụ'], ['YT', 'Trạm Y tế'], ['CAP', 'Công an phường'],
];
const PEOPLE = ['Lê Văn Thành', 'Đỗ Thị Minh Hạnh', 'Phan Quốc Bảo', 'Vũ Thị Lan Anh', 'Hoàng Đức Trung', 'Nguyễn Thị Thu Trang', 'Trần Minh Quân', 'Bùi Thị Ngọc Ánh', 'Đặng Văn Lợi', 'Ngô Thị Huyền'];

const q = (s) => JSON.stringify(s);
/** Lower-cases the first word only, so acronyms (CCHC, ISO, QPPL) keep their case. */
const lowerFirst = (s) => (/^[A-ZĐ][a-zà-ỹđ]/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
const pad = (n, w = 2) => String(n).padStart(w, '0');
const dateOf = (r) => `2025-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;

/** The criteria tree (plain data) and where each leaf's files live. */
export function buildCriteria({ seed, criteria, measures = 0 }) {
  const r = rng(seed * 7919 + 1);
  const perArea = Array.from({ length: 8 }, (_, i) => Math.floor(criteria / 8) + (i < criteria % 8 ? 1 : 0));
  const areas = [];
  const leaves = [];
  AREAS.forEach(([folder, title], a) => {
    const area = { id: String(a + 1), title, folder: `${a + 1} ${folder}`, children: [] };
    let left = perArea[a];
    for (let g = 1; left > 0; g++) {
      const topic = TOPICS[(a * 7 + g) % TOPICS.length];
      const group = { id: `${area.id}.${g}`, title: `${topic} năm 2025`, folder: `${area.folder}/${area.id}.${g} ${topic}`, children: [] };
      // A few groups are scored leaves themselves (2 levels); the rest hold 3–15 leaves (3 levels).
      const count = left === 1 || r.chance(0.1) ? 0 : Math.min(left, r.int(3, 15));
      if (count === 0) {
        leaves.push(makeLeaf(r, group, group.folder));
        area.children.push(group);
        left--;
        continue;
      }
      for (let c = 1; c <= count; c++) {
        const verb = r.pick(VERBS);
        const leaf = { id: `${group.id}.${c}`, title: `${verb} ${lowerFirst(topic)} đợt ${c}`, children: [] };
        group.children.push(makeLeaf(r, leaf, `${group.folder}/${leaf.id} ${verb} đợt ${c}`));
        leaves.push(group.children.at(-1));
      }
      left -= count;
      area.children.push(group);
    }
    areas.push(area);
  });
  // Measured leaves spread over the tree, half with a CSV and half with an .xlsx data file.
  const scored = leaves.filter((l) => !l.notApplicable);
  const step = measures > 0 ? Math.max(1, Math.floor(scored.length / measures)) : 0;
  for (let i = 0; i < Math.min(measures, scored.length); i++) {
    const leaf = scored[i * step];
    const xlsx = i % 2 === 1;
    leaf.measure = {
      data: `${leaf.folder}/Số liệu/Thống kê ${leaf.id}.${xlsx ? 'xlsx' : 'csv'}`,
      xlsx,
      rule: i % 3 === 0 ? `proportional: { target: ${[50, 80, 100][Math.floor(i / 3) % 3]} }` : `bands: [{ from: 95, score: ${leaf.maxScore} }, { from: 80, score: ${leaf.maxScore / 2} }]`,
    };
  }
  const tasks = [];
  const taskCount = Math.max(10, Math.round(criteria / 10));
  for (let i = 1; i <= taskCount; i++) {
    const linked = [...new Set([r.pick(leaves).id, r.pick(leaves).id])];
    const owner = r.pick(UNITS)[0];
    const support = [...new Set([r.pick(UNITS)[0], r.pick(UNITS)[0]])].filter((u) => u !== owner);
    const id = `NV-${pad(i, 3)}`;
    const folder = `Nhiệm vụ/${id} ${r.pick(VERBS)} ${lowerFirst(r.pick(TOPICS))}`;
    tasks.push({ id, title: `${r.pick(VERBS)} ${lowerFirst(r.pick(TOPICS))}`, owner, support, due: dateOf(r), source: `${r.int(10, 400)}/KH-UBND`, criteria: linked, folder, evidence: r.chance(0.6) ? [{ title: 'Sản phẩm nhiệm vụ', path: `${folder}/**/*.pdf`, min: 1 }] : [] });
  }
  return { areas, leaves, tasks };
}

function makeLeaf(r, node, folder) {
  node.folder = folder;
  node.maxScore = r.pick([0.5, 1, 1, 1, 1.5, 2]);
  node.owner = r.pick(UNITS)[0];
  node.due = dateOf(r);
  if (r.chance(0.3)) node.selfScore = Math.min(node.maxScore, r.pick([0.5, 1]));
  if (r.chance(0.02)) node.notApplicable = 'Không có đối tượng áp dụng trên địa bàn';
  const kinds = [...new Set([r.pick(DOC_KINDS), r.pick(DOC_KINDS), r.pick(DOC_KINDS)])].slice(0, r.int(1, 3));
  node.evidence = kinds.map(([kind, ext], i) => ({ title: `${kind} về ${lowerFirst(node.title)}`, path: i === 0 ? `${folder}/**/${kind}*.${ext}` : `${folder}/${kind}/*.${ext}`, min: r.int(1, 3), kind, ext, deep: i === 0 }));
  return node;
}

function sumScore(node) {
  if (node.children.length === 0) return node.maxScore;
  return Math.round(node.children.reduce((s, c) => s + sumScore(c), 0) * 100) / 100;
}

/** The criteria file's text, format v1. */
export function criteriaYaml(tree, { seed }) {
  const out = [
    '# yaml-language-server: $schema=schemas/criteria.schema.json',
    '# Synthetic benchmark workspace (invented data) — bench/generate.mjs',
    'reformEvidence: 1',
    'index:',
    `  id: tinh-tong-hop-${seed}`,
    '  title: "Bộ chỉ số cải cách hành chính tổng hợp cấp tỉnh năm 2025 (dữ liệu thử nghiệm)"',
    '  year: 2025',
    '  evidenceRoot: evidence',
    'units:',
    ...UNITS.map(([id, name], i) => `  ${id}: { name: ${q(name)}, head: ${q(PEOPLE[i % PEOPLE.length])} }`),
    'criteria:',
  ];
  const node = (n, indent) => {
    const p = ' '.repeat(indent);
    out.push(`${p}- id: ${q(n.id)}`, `${p}  title: ${q(n.title)}`, `${p}  maxScore: ${sumScore(n)}`);
    if (n.children.length > 0) {
      out.push(`${p}  children:`);
      for (const c of n.children) node(c, indent + 4);
      return;
    }
    out.push(`${p}  owner: ${n.owner}`, `${p}  due: ${q(n.due)}`);
    if (n.selfScore !== undefined) out.push(`${p}  selfScore: ${n.selfScore}`);
    if (n.notApplicable) out.push(`${p}  notApplicable: ${q(n.notApplicable)}`);
    if (n.measure) {
      out.push(`${p}  measure:`, `${p}    data: ${q(n.measure.data)}`);
      if (n.measure.xlsx) out.push(`${p}    sheet: "Số liệu"`);
      out.push(`${p}    period: "Tháng"`, `${p}    numerator: "Hồ sơ đúng hạn"`, `${p}    denominator: "Hồ sơ đã giải quyết"`, `${p}    ${n.measure.rule}`);
    }
    out.push(`${p}  evidence:`);
    for (const e of n.evidence) {
      out.push(`${p}    - title: ${q(e.title)}`, `${p}      path: ${q(e.path)}`);
      if (e.min > 1) out.push(`${p}      min: ${e.min}`);
    }
  };
  for (const a of tree.areas) node(a, 2);
  out.push('tasks:');
  for (const t of tree.tasks) {
    out.push(`  - id: ${q(t.id)}`, `    title: ${q(t.title)}`, `    owner: ${t.owner}`);
    if (t.support.length) out.push(`    support: [${t.support.join(', ')}]`);
    out.push(`    due: ${q(t.due)}`, `    source: ${q(t.source)}`, `    criteria: [${t.criteria.map(q).join(', ')}]`);
    if (t.evidence.length) {
      out.push('    evidence:');
      for (const e of t.evidence) out.push(`      - title: ${q(e.title)}`, `        path: ${q(e.path)}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Evidence file paths (relative to evidenceRoot, NFC), in a deterministic order. */
export function evidencePaths(tree, { seed, files }) {
  const r = rng(seed * 104729 + 3);
  const paths = [];
  const seen = new Set();
  const add = (p) => {
    const n = p.normalize('NFC');
    if (!seen.has(n)) {
      seen.add(n);
      paths.push(n);
    }
  };
  // Most leaves get files; some get none (missing) or too few (partial). Tasks and an unsorted folder take the rest.
  const scoredLeaves = tree.leaves.filter(() => !r.chance(0.12));
  for (let i = 0; paths.length < files; i++) {
    const bucket = r.next();
    const month = r.int(1, 12);
    const stamp = `${pad(r.int(1, 28))}-${pad(month)}-2025`;
    const no = r.int(1, 999);
    if (bucket < 0.9) {
      const leaf = scoredLeaves[i % scoredLeaves.length];
      const e = r.pick(leaf.evidence);
      const name = `${e.kind} số ${no}-${r.pick(['QĐ', 'KH', 'BC', 'CV', 'TB'])}-UBND ngày ${stamp}${r.chance(0.2) ? ' (bản scan)' : ''}.${r.chance(0.93) ? e.ext : 'png'}`;
      add(e.deep ? `${leaf.folder}/Năm 2025/Quý ${Math.ceil(month / 3)}/Tháng ${pad(month)}/${name}` : `${leaf.folder}/${e.kind}/${name}`);
    } else if (bucket < 0.96) {
      const task = tree.tasks[i % tree.tasks.length];
      add(`${task.folder}/Tháng ${pad(month)}/Sản phẩm ${no} ngày ${stamp}.pdf`);
    } else {
      add(`Chưa phân loại/Tháng ${pad(month)}/Scan_2025${pad(month)}${pad(r.int(1, 28))} (${no}).pdf`);
    }
  }
  return paths;
}

const contentOf = (p, version = 1) => `%PDF-1.4\n% ${p} v${version}\n`;

/** Twelve months of one leaf's figures, deterministic from its id. */
function monthlyFigures(id) {
  const r = rng([...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  return Array.from({ length: 12 }, (_, m) => {
    const denominator = r.int(50, 2000);
    return [m + 1, Math.round(denominator * (0.7 + 0.3 * r.next())), denominator];
  });
}

/** The data files of the measured leaves: a semicolon CSV as Excel saves it, or an .xlsx written by exceljs. */
async function measureFiles(tree) {
  const ExcelJS = createRequire(import.meta.url)('exceljs');
  const out = [];
  for (const leaf of tree.leaves) {
    if (!leaf.measure) continue;
    const rows = monthlyFigures(leaf.id);
    if (!leaf.measure.xlsx) {
      const lines = ['Tháng;Hồ sơ đúng hạn;Hồ sơ đã giải quyết', ...rows.map(([m, n, d]) => `${pad(m)}/2025;${n.toLocaleString('de-DE')};${d.toLocaleString('de-DE')}`)];
      out.push([leaf.measure.data, '\uFEFF' + lines.join('\r\n') + '\r\n']);
      continue;
    }
    const wb = new ExcelJS.Workbook();
    wb.created = wb.modified = new Date(Date.UTC(2025, 10, 20));
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow(['Tháng', 'Hồ sơ đúng hạn', 'Hồ sơ đã giải quyết']);
    for (const [m, n, d] of rows) ws.addRow([new Date(Date.UTC(2025, m - 1, 1)), n, d]);
    out.push([leaf.measure.data, Buffer.from(await wb.xlsx.writeBuffer())]);
  }
  return out;
}

async function writeAll(root, entries, batch = 512) {
  const dirs = [...new Set(entries.map(([p]) => path.dirname(path.join(root, p))))];
  for (let i = 0; i < dirs.length; i += batch) await Promise.all(dirs.slice(i, i + batch).map((d) => fs.mkdir(d, { recursive: true })));
  for (let i = 0; i < entries.length; i += batch) await Promise.all(entries.slice(i, i + batch).map(([p, c]) => fs.writeFile(path.join(root, p), c)));
}

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });

/** Streams `commits` commits into one `git fast-import`, with backpressure. */
async function fastImport(dir, commits) {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, env: GIT_ENV, stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))));
  const write = (s) => (child.stdin.write(s) ? undefined : new Promise((resolve) => child.stdin.once('drain', resolve)));
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const start = Date.UTC(2025, 0, 2, 1) / 1000;
  for (let i = 0; i < commits.length; i++) {
    const { message, author, files } = commits[i];
    const when = start + i * 7 * 3600;
    let chunk = `commit refs/heads/main\nmark :${i + 1}\nauthor ${author} <${author.length}@example.invalid> ${when} +0700\ncommitter ${author} <${author.length}@example.invalid> ${when} +0700\n${data(message)}`;
    if (i > 0) chunk += `from :${i}\n`;
    const binary = [];
    for (const [p, content] of files) {
      if (Buffer.isBuffer(content)) binary.push([p, content]);
      else chunk += `M 100644 inline ${p}\n${data(content)}`;
    }
    await write(chunk);
    for (const [p, content] of binary) {
      await write(`M 100644 inline ${p}\ndata ${content.length}\n`);
      await write(content);
      await write('\n');
    }
  }
  await write('done\n');
  child.stdin.end();
  await done;
}

/**
 * Makes (or reuses) the workspace under `workDir`. Returns its folder and a summary.
 * Committed files go in 1,000+ commits; the last 2% stay untracked; 0.5% are modified after the last commit.
 */
export async function generate({ seed = 1, files = 100000, criteria = 1000, measures = 0, ignored = 10000, commits = 1000, workDir, log = () => {} }) {
  const dir = path.join(workDir, `${seed}-${files}${criteria === 1000 ? '' : `-c${criteria}`}${measures ? `-m${measures}` : ''}`);
  // Inside .git/: Git ignores unknown files there, so the marker never shows as untracked.
  const marker = path.join(dir, '.git', 'bench-complete.json');
  if (existsSync(marker)) return { dir, cached: true, ...JSON.parse(readFileSync(marker, 'utf8')) };
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tree = buildCriteria({ seed, criteria, measures });
  const yaml = criteriaYaml(tree, { seed });
  const paths = evidencePaths(tree, { seed, files });
  const untrackedCount = Math.round(files * 0.02);
  const tracked = paths.slice(0, files - untrackedCount);
  const untracked = paths.slice(files - untrackedCount);
  const modified = tracked.filter((_, i) => i % 200 === 7);
  const ignoredPaths = Array.from({ length: ignored }, (_, i) => `scan-tmp/Lô ${pad(Math.floor(i / 500), 3)}/Bản quét tạm ${pad(i, 5)}.pdf`);
  const gitignore = '# Máy quét ghi tệp tạm vào đây / scanner temp files\nscan-tmp/\n*.tmp\n~$*\n';

  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgsign', 'false');
  const ev = (p) => `evidence/${p}`;
  // The measures' data files are committed with the first evidence: the rest of the workspace is the same as without them.
  const entries = [...(await measureFiles(tree)).map(([p, c]) => [ev(p), c]), ...tracked.map((p) => [ev(p), contentOf(p)])];
  log(`writing ${tracked.length} tracked files…`);
  await writeAll(dir, [['criteria.yaml', yaml], ['.gitignore', gitignore], ...entries]);

  log(`fast-import of ${commits} commits…`);
  const history = [{ message: 'Khởi tạo bộ chỉ số và quy ước lưu trữ', author: PEOPLE[0], files: [['criteria.yaml', yaml], ['.gitignore', gitignore]] }];
  for (let n = 1; n <= commits; n++) {
    const from = Math.floor(((n - 1) * entries.length) / commits);
    const to = Math.floor((n * entries.length) / commits);
    history.push({ message: `Bổ sung tài liệu kiểm chứng đợt ${n}`, author: PEOPLE[n % PEOPLE.length], files: entries.slice(from, to) });
  }
  await fastImport(dir, history);
  git(dir, 'reset', '-q', '--mixed', 'main');

  log(`writing ${untracked.length} untracked, ${modified.length} modified, ${ignored} ignored files…`);
  await writeAll(dir, [...untracked.map((p) => [ev(p), contentOf(p)]), ...modified.map((p) => [ev(p), contentOf(p, 2)]), ...ignoredPaths.map((p) => [ev(p), contentOf(p)])]);
  // Settle the index's stat data once, as a user's own `git status` would, so timed runs hash nothing.
  git(dir, 'update-index', '-q', '--refresh');
  // Record the cache-tree as a commit does: without it every `git status` compares the whole index with HEAD.
  git(dir, 'write-tree');
  const summary = { seed, files, criteria: tree.leaves.length, measures: tree.leaves.filter((l) => l.measure).length, tasks: tree.tasks.length, commits: history.length, tracked: tracked.length, untracked: untracked.length, modified: modified.length, ignored, criteriaLines: yaml.split('\n').length - 1, generatedMs: Date.now() - started };
  writeFileSync(marker, JSON.stringify(summary, null, 2));
  git(dir, 'update-index', '-q', '--refresh');
  return { dir, cached: false, ...summary };
}
