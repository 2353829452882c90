// How the evidence commands fail: a refusal in an untrusted workspace, and typed errors shown with the action
// that fixes them (initialize, set the identity, reveal the lock, retry…), Git's full output in the log.
import * as vscode from 'vscode';
import type { CommitResult } from '../../core/evidence/commitEvidence';
import { errorText, EvidenceError, GitOperationError } from '../../core/git/errors';
import { initRepository, setIdentity } from '../../core/git/repository';
import { notificationText } from '../../core/report/format';
import type { Services } from '../services';

export function refuseUntrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showWarningMessage(vscode.l10n.t('Reform Evidence does not run Git in an untrusted workspace. Trust this folder to add, commit or review evidence.'), vscode.l10n.t('Manage Workspace Trust')).then((action) => {
    if (action) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return true;
}

/** Shows a typed error with the action that fixes it, and logs Git's full output. */
export async function reportError(services: Services, error: unknown, folder: string, retry?: () => Promise<void>): Promise<void> {
  const locale = services.store.locale;
  const text = errorText(error, locale);
  services.log.error(text);
  // The notification shows the sentence and the first lines of Git's output; the log has all of it.
  // Names from the criteria file or of the user's files stay text: a notification would make links of them.
  const brief = notificationText(text.split('\n').slice(0, 4).join('\n'));
  if (error instanceof EvidenceError) {
    void vscode.window.showErrorMessage(brief);
    return;
  }
  if (!(error instanceof GitOperationError)) {
    void vscode.window.showErrorMessage(brief);
    return;
  }
  const show = vscode.l10n.t('Show Output');
  const actions: Record<string, () => Promise<unknown> | unknown> = { [show]: () => services.log.show() };
  switch (error.code) {
    case 'notRepo':
      actions[vscode.l10n.t('Initialize Repository')] = async () => {
        await initRepository(folder, () => vscode.workspace.isTrusted);
        await services.store.refresh();
        void vscode.window.showInformationMessage(vscode.l10n.t('Initialized a Git repository in {0}.', folder));
      };
      break;
    case 'noIdentity':
      actions[vscode.l10n.t('Configure Identity')] = async () => {
        const name = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Your name, as it will appear in the audit trail'), placeHolder: 'Nguyễn Văn A', ignoreFocusOut: true });
        if (!name) return;
        const email = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Your e-mail address'), placeHolder: 'a@example.gov.vn', ignoreFocusOut: true, validateInput: (v) => (/^\S+@\S+$/.test(v) ? undefined : vscode.l10n.t('Enter an e-mail address')) });
        if (!email) return;
        await setIdentity(folder, name, email, () => vscode.workspace.isTrusted);
        if (retry) await retry();
      };
      break;
    case 'indexLocked':
      actions[vscode.l10n.t('Reveal Lock File')] = () => vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(error.args[0]));
      break;
    case 'lockBusy':
      if (retry) actions[vscode.l10n.t('Retry')] = retry;
      break;
    case 'mergeInProgress':
    case 'rebaseInProgress':
    case 'detachedHead':
      actions[vscode.l10n.t('Open Source Control')] = () => vscode.commands.executeCommand('workbench.view.scm');
      break;
    case 'notTrusted':
      actions[vscode.l10n.t('Manage Workspace Trust')] = () => vscode.commands.executeCommand('workbench.trust.manage');
      break;
    default:
      break;
  }
  const chosen = await vscode.window.showErrorMessage(brief, ...Object.keys(actions));
  if (chosen) {
    try {
      await actions[chosen]();
    } catch (inner) {
      void vscode.window.showErrorMessage(notificationText(errorText(inner, locale)));
    }
  }
}

export function reportCommitted(services: Services, results: CommitResult[]): void {
  for (const r of results) services.log.info(`Committed ${r.shortHash}: ${r.subject}`);
  const pushError = results.find((r) => r.pushError)?.pushError;
  if (pushError) {
    services.log.warn(pushError.localized(services.store.locale));
    void vscode.window.showWarningMessage(notificationText(pushError.localized(services.store.locale).split('\n').slice(0, 4).join('\n')), vscode.l10n.t('Show Output')).then((a) => a && services.log.show());
  }
}
