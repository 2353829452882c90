// One fast-check configuration for every property test, loaded before the unit tests (.mocharc.json
// "require", also by scripts/test-all.mjs --unit).
//   CI (CI=true): a fixed seed, so a CI run is reproducible and a red build is never a roll of the dice;
//   locally: a new random seed on every run, so the same generators keep finding new inputs.
//   FC_SEED=N replays a failure (fast-check prints `seed: N, path: …` in every failed assertion).
import fc from 'fast-check';
import { fastCheckParameters } from './fastCheckConfig';

const parameters = fastCheckParameters(process.env);
fc.configureGlobal(parameters);
console.log(parameters.seed === undefined ? '[fast-check] random seed per property (set CI=true or FC_SEED=N for a fixed one)' : `[fast-check] seed ${parameters.seed}`);
