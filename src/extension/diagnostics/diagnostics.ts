// Diagnostics of criteria files as the user types.
import type { Services } from '../services';

export function registerDiagnostics(_services: Services): void {
  // Filled in by its issue.
}
