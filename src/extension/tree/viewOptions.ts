// What the trees show: the filter and the grouping, shared by the trees and the navigation commands,
// remembered per workspace and mirrored in context keys for the menus' `when` clauses.
import * as vscode from 'vscode';
import { FILTERS, type GroupBy, type TreeFilter } from '../../core/status/modelView';

const FILTER_KEY = 'reformEvidence.tree.filter';
const GROUP_KEY = 'reformEvidence.tree.groupBy';

export class ViewOptions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private currentFilter: TreeFilter;
  private currentGroup: GroupBy;

  constructor(private readonly memento: vscode.Memento) {
    const filter = memento.get<string>(FILTER_KEY);
    const group = memento.get<string>(GROUP_KEY);
    this.currentFilter = FILTERS.includes(filter as TreeFilter) ? (filter as TreeFilter) : 'all';
    this.currentGroup = group === 'unit' ? 'unit' : 'area';
    this.publish();
  }

  get filter(): TreeFilter {
    return this.currentFilter;
  }

  get groupBy(): GroupBy {
    return this.currentGroup;
  }

  setFilter(filter: TreeFilter): void {
    if (filter === this.currentFilter) return;
    this.currentFilter = filter;
    void this.memento.update(FILTER_KEY, filter);
    this.publish();
    this.changed.fire();
  }

  setGroupBy(group: GroupBy): void {
    if (group === this.currentGroup) return;
    this.currentGroup = group;
    void this.memento.update(GROUP_KEY, group);
    this.publish();
    this.changed.fire();
  }

  private publish(): void {
    void vscode.commands.executeCommand('setContext', 'reformEvidence.groupBy', this.currentGroup);
    void vscode.commands.executeCommand('setContext', 'reformEvidence.filter', this.currentFilter);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
