// Shared helpers of the unit tests: temporary folders and real Git repositories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 're-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (relative path → content), creating folders. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' },
  });
}

/** A new repository with a local identity, so commits work on any machine. */
export function initRepo(dir = tempDir()): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

export interface AreaCriteria {
  /** The `index:` flow mapping (default: year 2025, no evidenceRoot). */
  index?: string;
  /** The `units:` flow mapping (default: VP, Văn phòng). */
  units?: string;
  /** The YAML lines of area 1's children (leaves indented six spaces), ending with a newline. */
  children: string;
  /** Text after the area, verbatim (more areas, tasks). */
  after?: string;
}

/** A criteria file with one area "1" (titled Area): the head that the in-memory, measure and rule tests share. */
export function areaCriteria({ index = '{ id: t, title: T, year: 2025 }', units = '{ VP: { name: Văn phòng } }', children, after = '' }: AreaCriteria): string {
  return `reformEvidence: 1
index: ${index}
units: ${units}
criteria:
  - id: "1"
    title: Area
    children:
${children}${after}`;
}

/** A small but complete criteria file used across tests; `extra` is appended verbatim. */
export function sampleCriteria(extra = ''): string {
  return `reformEvidence: 1
index:
  id: test-2025
  title: Bộ chỉ số thử nghiệm
  year: 2025
  evidenceRoot: evidence
units:
  VP:
    name: Văn phòng HĐND và UBND
  VHXH:
    name: Phòng Văn hóa - Xã hội
criteria:
  - id: "1"
    title: Công tác chỉ đạo, điều hành
    maxScore: 3
    children:
      - id: "1.1"
        title: Kế hoạch CCHC
        maxScore: 1
        owner: VHXH
        due: "2025-12-15"
        evidence:
          - title: Kế hoạch
            path: "1.1 Kế hoạch/*.pdf"
      - id: "1.2"
        title: Báo cáo quý
        maxScore: 2
        owner: VP
        due: "2025-10-15"
        evidence:
          - title: Báo cáo quý
            path: "1.2 Báo cáo/*.pdf"
            min: 4
  - id: "2"
    title: Cải cách thể chế
    children:
      - id: "2.1"
        title: Rà soát văn bản QPPL
        maxScore: 1.5
        owner: VP
        evidence:
          - title: Kế hoạch rà soát
            path: "2.1/**/*.docx"
          - title: Kết quả rà soát
            path: "2.1/ket-qua-*.pdf"
      - id: "2.2"
        title: Không áp dụng
        maxScore: 0.5
        owner: VP
        notApplicable: Phường không ban hành văn bản QPPL
        evidence: []
tasks:
  - id: NV-01
    title: Tập huấn ISO 9001:2015
    owner: VHXH
    support: [VP]
    due: "2025-11-08"
    source: 248/QĐ-UBND
    criteria: ["1.1"]
    evidence:
      - title: Danh sách tham dự
        path: "ISO/*.pdf"
${extra}`;
}
