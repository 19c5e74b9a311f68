/**
 * Text out of XML or HTML, by element names: htmlparser2 streams the source, so nothing but the
 * text is built. Office formats name their elements with fixed prefixes (w:, a:, text:) that
 * Word, PowerPoint and LibreOffice always write.
 */
import { Parser } from "htmlparser2";
import type { TextSink } from "./sink.js";

export interface MarkupRules {
  xml: boolean;
  /** Text counts only inside these elements (all text when absent). */
  inside?: Set<string>;
  /** Elements left out with everything in them. */
  skip?: Set<string>;
  /** Elements that end a line. */
  lines: Set<string>;
  tabs?: Set<string>;
  breaks?: Set<string>;
  /** ODF writes runs of spaces as <text:s text:c="n"/>. */
  spaces?: string;
}

export function markupText(source: string, rules: MarkupRules, sink: TextSink) {
  let inside = 0;
  let skipped = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (rules.skip?.has(name)) skipped++;
        if (rules.inside?.has(name)) inside++;
        if (skipped) return;
        if (rules.tabs?.has(name)) sink.add("\t");
        else if (rules.breaks?.has(name)) sink.add("\n");
        else if (name === rules.spaces) sink.add(" ");
      },
      ontext(text) {
        if (!skipped && (!rules.inside || inside > 0)) sink.add(text);
      },
      onclosetag(name) {
        if (!skipped && rules.lines.has(name)) sink.add("\n");
        if (rules.skip?.has(name)) skipped--;
        if (rules.inside?.has(name)) inside--;
      },
    },
    { xmlMode: rules.xml, decodeEntities: true },
  );
  parser.end(source);
}
