import { useId } from "react";
import { ariaShortcut, shortcutLabel } from "./shortcuts";

interface Props {
  label: string;
  icon: string;
  onClick: () => void;
  /** For toggles (bold, lists…): whether it applies at the cursor; leave undefined for plain actions. */
  pressed?: boolean;
  disabled?: boolean;
  shortcut?: string;
}

/** A toolbar button with a visible tooltip naming it and its keyboard shortcut. */
export function ToolbarButton({ label, icon, onClick, pressed, disabled, shortcut }: Props) {
  const tooltipId = useId();
  return (
    <span className="atelier-toolbar__item">
      <button
        type="button"
        className={`fr-btn fr-btn--sm fr-btn--tertiary-no-outline ${icon}`}
        aria-pressed={pressed}
        aria-describedby={tooltipId}
        aria-keyshortcuts={shortcut ? ariaShortcut(shortcut) : undefined}
        disabled={disabled}
        // Keeps the selection in the text: the command applies to what was selected.
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      >
        {label}
      </button>
      <span role="tooltip" id={tooltipId} className="atelier-toolbar__tooltip">
        {label}
        {shortcut && <kbd>{shortcutLabel(shortcut)}</kbd>}
      </span>
    </span>
  );
}
