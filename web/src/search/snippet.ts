import { SNIPPET_END, SNIPPET_START } from "@atelier/shared";

export interface SnippetPart {
  text: string;
  /** A word the search matched, shown highlighted. */
  matched: boolean;
}

/**
 * A snippet as plain text parts, the matched words apart: the server marks them between SNIPPET_START and
 * SNIPPET_END rather than with HTML, so nothing of the text is ever read as markup. A marker left open
 * highlights up to the end; a stray end marker is dropped.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, matched: boolean) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.matched === matched) last.text += text;
    else parts.push({ text, matched });
  };
  let matched = false;
  let rest = snippet;
  while (rest) {
    const marker = matched ? SNIPPET_END : SNIPPET_START;
    const other = matched ? SNIPPET_START : SNIPPET_END;
    const at = rest.indexOf(marker);
    const chunk = at === -1 ? rest : rest.slice(0, at);
    push(chunk.split(other).join(""), matched);
    if (at === -1) break;
    rest = rest.slice(at + marker.length);
    matched = !matched;
  }
  return parts;
}
