// What localeCompare does, built once per process: localeCompare with options builds a collator on every call (a
// sort of 20,000 deadlines took seconds). Built on first use: the first collator loads ICU's collation data
// (~8 ms), which every CLI command and the extension's activation paid at load before.

let text: Intl.Collator | undefined;
let numeric: Intl.Collator | undefined;

/** The default collation (localeCompare's). */
export const textCollator = (): Intl.Collator => (text ??= new Intl.Collator());

/** The default collation with digits compared as numbers ("1.2" before "1.10"). */
export const numericCollator = (): Intl.Collator => (numeric ??= new Intl.Collator(undefined, { numeric: true }));
