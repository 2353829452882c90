// The extension's settings, all under `reformEvidence.*`, read per workspace folder.
import * as vscode from 'vscode';
import { isRealDate, todayIso } from '../../core/validate/paths';

export const SECTION = 'reformEvidence';

export interface Settings {
  criteriaFiles: string;
  /** The as-of date in force: the setting when it is a real date, else today. */
  asOf: string;
  myUnit: string;
  exclude: string[];
  pushAfterCommit: boolean;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const asOf = config.get<string>('asOfDate', '').trim();
  return {
    criteriaFiles: config.get<string>('criteriaFiles', '**/criteria.{yaml,yml}'),
    asOf: asOf && isRealDate(asOf) ? asOf : todayIso(),
    myUnit: config.get<string>('myUnit', '').trim(),
    exclude: config.get<string[]>('exclude', []),
    pushAfterCommit: config.get<boolean>('git.pushAfterCommit', false),
  };
}
