// The shared fast-check parameters (see fastCheck.setup.ts): pure, so a unit test can check the rule.
import type { Parameters } from 'fast-check';

/** The seed CI runs with: any fixed value would do, this one is only remembered. */
export const CI_SEED = 20251120;

export function fastCheckParameters(env: Record<string, string | undefined>): Parameters<unknown> {
  const explicit = env.FC_SEED?.trim();
  if (explicit && /^-?\d+$/.test(explicit)) return { seed: Number(explicit) };
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return { seed: CI_SEED };
  return {};
}
