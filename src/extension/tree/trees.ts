// Evidence and Tasks tree views over the model store.
import type { Services } from '../services';

export function registerTrees(_services: Services): void {
  // Filled in by its issue.
}
