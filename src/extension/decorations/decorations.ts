// File decorations on evidence files and folders: the criterion they count for.
import type { Services } from '../services';

export function registerDecorations(_services: Services): void {
  // Filled in by its issue.
}
