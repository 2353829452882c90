/** Scores are sums of halves and quarters: round away binary noise such as 0.1 + 0.2. */
export function roundScore(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
