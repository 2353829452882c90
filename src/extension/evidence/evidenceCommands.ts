// Add evidence, commit pending evidence, history, diffs and verification through Git.
import type { Services } from '../services';

export function registerEvidenceCommands(_services: Services): void {
  // Filled in by its issue.
}
