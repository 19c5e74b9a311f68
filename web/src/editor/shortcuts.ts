const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** A Tiptap shortcut ("Mod-Shift-8") as people read it: "Ctrl+Maj+8" (or "⌘⇧8" on a Mac). */
export function shortcutLabel(shortcut: string): string {
  const keys = shortcut.split("-").map((k) => {
    if (k === "Mod") return isMac ? "⌘" : "Ctrl";
    if (k === "Shift") return isMac ? "⇧" : "Maj";
    if (k === "Alt") return isMac ? "⌥" : "Alt";
    return k.length === 1 ? k.toUpperCase() : k;
  });
  return keys.join(isMac ? "" : "+");
}

/** The same shortcut for aria-keyshortcuts ("Control+Shift+8"). */
export function ariaShortcut(shortcut: string): string {
  return shortcut
    .split("-")
    .map((k) => (k === "Mod" ? (isMac ? "Meta" : "Control") : k.length === 1 ? k.toUpperCase() : k))
    .join("+");
}
