// The commit message of an evidence commit: a readable subject and Git trailers that record for which
// criterion, requirement and unit the files were committed, with the SHA-256 of each file.
// Nothing written into the message can add a line: free text is flattened to one line, paths are C-quoted.
import { quotePath, unquotePath } from './pathBytes';

export interface Trailer {
  key: string;
  value: string;
}

export interface EvidenceFileHash {
  /** Path relative to the repository's top folder, posix separators, NFC. */
  path: string;
  sha256: string;
}

export interface EvidenceMessage {
  /** e.g. `evidence(1.2): add Kế hoạch CCHC năm 2025` */
  subject: string;
  criteria: string[];
  task?: string;
  requirements: string[];
  units: string[];
  files: EvidenceFileHash[];
}

export const TRAILER = {
  criterion: 'Criterion',
  task: 'Task',
  requirement: 'Requirement',
  unit: 'Unit',
  hash: 'Evidence-SHA256',
} as const;

/** One line of text: trailers cannot hold line breaks (nor anything a viewer could take for one). */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** The trailer block (without the subject): one `Key: value` per line. */
export function trailerBlock(message: EvidenceMessage): string {
  const lines: string[] = [];
  for (const id of message.criteria) lines.push(`${TRAILER.criterion}: ${oneLine(id)}`);
  if (message.task) lines.push(`${TRAILER.task}: ${oneLine(message.task)}`);
  for (const title of message.requirements) lines.push(`${TRAILER.requirement}: ${oneLine(title)}`);
  for (const unit of message.units) lines.push(`${TRAILER.unit}: ${oneLine(unit)}`);
  for (const file of message.files) lines.push(`${TRAILER.hash}: ${oneLine(file.sha256)} ${quotePath(file.path)}`);
  return lines.join('\n');
}

/** `git commit` arguments for the message: `-m subject -m trailers` (the last paragraph is the trailer block). */
export function messageArgs(message: EvidenceMessage): string[] {
  return ['-m', oneLine(message.subject) || 'evidence', '-m', trailerBlock(message)];
}

/** Parses the output of `%(trailers:only,unfold)`: `Key: value` lines. */
export function parseTrailers(text: string): Trailer[] {
  const trailers: Trailer[] = [];
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z0-9-]+):\s?(.*)$/.exec(line.trim());
    if (match) trailers.push({ key: match[1], value: match[2].trim() });
  }
  return trailers;
}

/** Values of one trailer key (case-insensitive, as Git compares keys). */
export function trailerValues(trailers: Trailer[], key: string): string[] {
  const lower = key.toLowerCase();
  return trailers.filter((t) => t.key.toLowerCase() === lower).map((t) => t.value);
}

export interface RecordedHash {
  /** The path (NFC), unquoted when the trailer quoted it. */
  path: string;
  /** The text as written when it looked quoted: a commit made before paths were quoted may name a file so. */
  literal?: string;
  sha256: string;
}

/** `Evidence-SHA256: <hash> <path>` lines: the path C-quoted (`"..."`) or, in older commits, as is. */
export function recordedHashes(trailers: Trailer[]): RecordedHash[] {
  const recorded: RecordedHash[] = [];
  for (const value of trailerValues(trailers, TRAILER.hash)) {
    const match = /^([0-9a-fA-F]{64})\s+(.+)$/.exec(value);
    if (!match) continue;
    const unquoted = unquotePath(match[2]);
    const sha256 = match[1].toLowerCase();
    if (unquoted === undefined) recorded.push({ path: match[2].normalize('NFC'), sha256 });
    else recorded.push({ path: unquoted.normalize('NFC'), literal: match[2].normalize('NFC'), sha256 });
  }
  return recorded;
}

/** `Evidence-SHA256:` trailers as path (NFC, unquoted) → lower-case hash. */
export function evidenceHashes(trailers: Trailer[]): Map<string, string> {
  return new Map(recordedHashes(trailers).map((r) => [r.path, r.sha256]));
}
