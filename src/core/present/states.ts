// The one vocabulary of states: each state's codicon, theme colour and words, for the trees, the status bar
// and the dashboard page alike (the page gets this table with its data and keeps none of its own).
import { t, type Locale } from '../i18n/messages';
import type { State } from '../model/types';
import { numberFormat, rateFormat, type NumberFormatSpec } from './numbers';

/** A state, or `overdue`, which wins over the state of an incomplete item. */
export type Look = State | 'overdue';

export interface StateLook {
  /** A codicon id (https://microsoft.github.io/vscode-codicons/). */
  icon: string;
  /** A theme colour id, as vscode.ThemeColor takes it and as `--vscode-…` names it in a webview. */
  color: string;
}

export const STATE_LOOKS: Readonly<Record<Look, StateLook>> = {
  missing: { icon: 'circle-large-outline', color: 'charts.red' },
  partial: { icon: 'pie-chart', color: 'charts.yellow' },
  present: { icon: 'pass', color: 'charts.blue' },
  committed: { icon: 'pass-filled', color: 'testing.iconPassed' },
  waived: { icon: 'circle-slash', color: 'disabledForeground' },
  overdue: { icon: 'clock', color: 'errorForeground' },
};

/** A measured leaf whose figure falls short of full points (or is unknown): shown instead of its state's look. */
export const BELOW_FULL_LOOK: StateLook = { icon: 'graph-line', color: 'charts.orange' };

/** Something that could not be read at all (a ward whose criteria file fails to load, or has errors). */
export const FAILED_LOOK: StateLook = { icon: 'error', color: 'errorForeground' };

/** The look of an item: `overdue` wins over its state. */
export function stateLook(state: State, overdue: boolean): StateLook {
  return STATE_LOOKS[overdue ? 'overdue' : state];
}

/** The word for a state (`waived` is "waived" / "không áp dụng"). */
export function stateLabel(locale: Locale, look: Look): string {
  return t(locale, `state.${look}`);
}

/** What the dashboard page needs to show states and numbers as the trees do. */
export interface Presentation {
  states: Record<Look, StateLook & { label: string }>;
  numbers: NumberFormatSpec;
  /** Rates of measured criteria: one decimal always. */
  rates: NumberFormatSpec;
}

export function presentation(locale: Locale): Presentation {
  const states = {} as Presentation['states'];
  for (const look of Object.keys(STATE_LOOKS) as Look[]) states[look] = { ...STATE_LOOKS[look], label: stateLabel(locale, look) };
  return { states, numbers: numberFormat(locale), rates: rateFormat(locale) };
}
