// Dashboard webview, status bar item and report commands.
import type { Services } from '../services';

export function registerDashboard(_services: Services): void {
  // Filled in by its issue.
}
