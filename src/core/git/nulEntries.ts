// Git's `-z` output arrives in chunks of any size: entries are cut at each NUL, a partial one carried over.

/** Hands each NUL-terminated entry of a chunked output to `each`, carrying a partial entry to the next chunk. */
export function entrySplitter(each: (bytes: Buffer, start: number, end: number) => void): { push(chunk: Buffer): void; end(): void } {
  let carry: Buffer | undefined;
  return {
    push(chunk) {
      let start = 0;
      if (carry) {
        const nul = chunk.indexOf(0);
        if (nul < 0) {
          carry = Buffer.concat([carry, chunk]);
          return;
        }
        const whole = Buffer.concat([carry, chunk.subarray(0, nul)]);
        carry = undefined;
        if (whole.length > 0) each(whole, 0, whole.length);
        start = nul + 1;
      }
      for (;;) {
        const end = chunk.indexOf(0, start);
        if (end < 0) break;
        if (end > start) each(chunk, start, end);
        start = end + 1;
      }
      // A copy: a view would keep the whole chunk alive.
      if (start < chunk.length) carry = Buffer.from(chunk.subarray(start));
    },
    end() {
      if (carry && carry.length > 0) each(carry, 0, carry.length);
      carry = undefined;
    },
  };
}
