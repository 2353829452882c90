// `reform-evidence-git:` documents: a file as committed in a revision, for the diffs of the history command.
import { crypto } from '../../core/node/lazy';
import * as vscode from 'vscode';
import { fileAtRevision } from '../../core/git/contentAt';
import { parseLfsPointer } from '../../core/git/lfs';

export const GIT_SCHEME = 'reform-evidence-git';

/** `reform-evidence-git:/<path>?{"top","ref"}`: a file as committed in `ref` (empty when it did not exist). */
export function gitContentUri(top: string, relative: string, ref: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: '/' + relative, query: JSON.stringify({ top, ref }) });
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly isTrusted: () => boolean) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { top, ref } = JSON.parse(uri.query) as { top: string; ref: string };
    const relative = uri.path.replace(/^\//, '');
    // The URI's repository, revision and path are checked (and the revision resolved) in the core.
    const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const content = await fileAtRevision({ top, rev: ref, path: relative, workspaceFolders, isTrusted: this.isTrusted });
    if (!content) return '';
    // A Git LFS file is committed as its pointer: its content's size and SHA-256, never downloaded here.
    const pointer = parseLfsPointer(content);
    if (pointer) return vscode.l10n.t('Git LFS file {0}\nRevision: {1}\nSize: {2} bytes\nSHA-256: {3}\n(the content is stored by Git LFS and not shown)\n', relative, ref, pointer.size, pointer.oid);
    // Scanned PDFs, DOCX, images: a summary is all a text diff can usefully show.
    if (content.subarray(0, 8000).includes(0)) {
      const sha = crypto().createHash('sha256').update(content).digest('hex');
      return vscode.l10n.t('Binary file {0}\nRevision: {1}\nSize: {2} bytes\nSHA-256: {3}\n', relative, ref, content.length, sha);
    }
    return content.toString('utf8');
  }
}
