/** Where a reader puts the text it finds: it stops the reading once the character budget is spent. */
export class Full extends Error {}

export class TextSink {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly maxChars: number) {}

  /** Adds text; throws Full once the budget is spent, so a reader stops instead of parsing on. */
  add(text: string) {
    const room = this.maxChars - this.length;
    this.parts.push(text.length > room ? text.slice(0, room) : text);
    this.length += Math.min(text.length, room);
    if (this.length >= this.maxChars) throw new Full();
  }

  /** Fills the sink with what `read` adds, until it is done or the budget is spent. */
  async fill(read: (sink: TextSink) => void | Promise<void>): Promise<string> {
    try {
      await read(this);
    } catch (e) {
      if (!(e instanceof Full)) throw e;
    }
    return tidy(this.parts.join(""));
  }
}

/** One space between words, no blank line runs: indexing and snippets do not need the layout. */
export const tidy = (text: string) =>
  text
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
