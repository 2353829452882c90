// Node's crypto and zlib load a few dozen internal modules (streams among them): 10–30 ms of a fresh process,
// more than half of the extension's activation budget. Required on first use instead (bench/activate.cjs).
/* eslint-disable @typescript-eslint/no-require-imports */

export const crypto = (): typeof import('node:crypto') => require('node:crypto') as typeof import('node:crypto');

export const zlib = (): typeof import('node:zlib') => require('node:zlib') as typeof import('node:zlib');
