/** What an extraction is asked and answers, shared by the server side and the child process. */
export type Extracted = { ok: true; text: string; pages: string[] | null } | { ok: false; reason: string };

/** What one extraction may take; past any of them it fails with its reason. */
export interface ExtractLimits {
  timeoutMs: number;
  /** Heap of the extraction process; a zip may inflate to a quarter of it. */
  memoryMb: number;
  /** Characters kept; the rest of a longer text is cut, not an error. */
  maxChars: number;
  /** Size of a binary file (PDF, office) past which it is not read at all. */
  maxBytes?: number;
}

/** What the child process is asked to do. */
export interface Job {
  file: string;
  mime: string;
  name: string;
  limits: Required<ExtractLimits>;
}

/** What the child process answers: the result, or why it could not even open the file. */
export type Answer = Extracted | { error: string };
