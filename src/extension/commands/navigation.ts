// Commands that navigate, filter and group: refresh, filter, group by, reveal, copy id, starter file.
import type { Services } from '../services';

export function registerNavigationCommands(_services: Services): void {
  // Filled in by its issue.
}
