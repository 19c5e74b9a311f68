/**
 * The search box of the header: suggestions under it after two letters (an ARIA 1.2 combobox: ↑ ↓ to move,
 * Entrée to open, Échap to close), Entrée without a chosen suggestion opens the results page, and the "/" key
 * brings the focus here from anywhere but a field being typed in.
 */
import { SEARCH_SUGGEST_MIN, SEARCH_TYPE_LABELS, type SuggestReply } from "@atelier/shared";
import type { HeaderProps } from "@codegouvfr/react-dsfr/Header";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useAnnounce } from "../shell/announcer";
import { suggest } from "./api";
import { RESULTS_PATH, resultsPath } from "./params";
import "./search.css";

type Suggestion = SuggestReply["suggestions"][number];

// Long enough not to ask at every key, short enough to follow the typing.
const DEBOUNCE_MS = 250;
const LISTBOX_ID = "suggestions-recherche";
const HINT_ID = "aide-recherche";
const optionId = (i: number) => `${LISTBOX_ID}-${i}`;

/** What the box and the header's search button share: the suggestion chosen with the arrows, if any. */
interface Chosen {
  current: Suggestion | null;
}

/** A place where a key types text: "/" is a character there, not the shortcut. */
function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable='true']") !== null;
}

/** Opens a suggestion or a result's url: inside the app without reloading, a file's address as a page. */
export function useOpenUrl() {
  const navigate = useNavigate();
  return useCallback(
    (url: string) => {
      if (url.startsWith("/") && !url.startsWith("/api/")) navigate(url);
      else window.location.assign(url);
    },
    [navigate],
  );
}

/** The props that put the search box in the DSFR header. */
export function useHeaderSearch(): Pick<HeaderProps, "renderSearchInput" | "onSearchButtonClick"> {
  const navigate = useNavigate();
  const open = useOpenUrl();
  const chosen = useRef<Suggestion | null>(null);
  return {
    renderSearchInput: ({ id, className, placeholder }) => (
      <SearchCombobox id={id} className={className} placeholder={placeholder} chosen={chosen} />
    ),
    // The DSFR button and the Enter key of the box both land here.
    onSearchButtonClick: (text) => {
      const suggestion = chosen.current;
      chosen.current = null;
      if (suggestion) open(suggestion.url);
      else if (text.trim()) navigate(resultsPath(text));
    },
  };
}

function SearchCombobox({ id, className, placeholder, chosen }: { id: string; className: string; placeholder: string; chosen: Chosen }) {
  const input = useRef<HTMLInputElement>(null);
  const { pathname, search } = useLocation();
  const announce = useAnnounce();
  const open = useOpenUrl();
  const [value, setValue] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [expanded, setExpanded] = useState(false);
  const [active, setActive] = useState(-1);
  // Only the answer to the last words typed is shown.
  const round = useRef(0);

  /** The box is left uncontrolled: the DSFR's search button redefines the input's `value` property, which hides
   * React's own changes from its change tracking (keys were lost). Words set here are written to the box. */
  const write = useCallback((words: string) => {
    if (input.current) input.current.value = words;
    setValue(words);
  }, []);

  // On the results page the box shows the words searched; elsewhere it starts empty.
  useEffect(() => {
    write(pathname === RESULTS_PATH ? (new URLSearchParams(search).get("q") ?? "") : "");
    setExpanded(false);
  }, [pathname, search, write]);

  useEffect(() => {
    chosen.current = expanded && active >= 0 ? (suggestions[active] ?? null) : null;
  }, [chosen, expanded, active, suggestions]);

  // "/" from anywhere on the page, except where it is a character being typed.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isTypingIn(e.target)) return;
      const box = input.current;
      if (!box || box.getClientRects().length === 0) return;
      e.preventDefault();
      box.focus();
      box.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const q = value.trim();
    const mine = ++round.current;
    if (q.length < SEARCH_SUGGEST_MIN) {
      setSuggestions([]);
      setActive(-1);
      return;
    }
    const timer = setTimeout(() => {
      suggest(q).then(
        (reply) => {
          if (mine !== round.current) return;
          setSuggestions(reply.suggestions);
          setActive(-1);
          if (document.activeElement === input.current) {
            announce(
              reply.suggestions.length === 0
                ? "Aucune suggestion : appuyez sur Entrée pour chercher."
                : `${reply.suggestions.length} suggestion${reply.suggestions.length > 1 ? "s" : ""} : flèches haut et bas pour les parcourir.`,
            );
          }
        },
        // A suggestion that fails leaves the search itself (Entrée) working.
        () => mine === round.current && setSuggestions([]),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value, announce]);

  const shown = expanded && suggestions.length > 0;

  const onKeyDownCapture = (e: KeyboardEvent<HTMLInputElement>) => {
    // Handled before the DSFR's own listener, which would blur the box on Échap.
    if (e.key !== "Escape" || (!shown && !value)) return;
    e.preventDefault();
    e.stopPropagation();
    if (shown) setExpanded(false);
    else write("");
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    if (suggestions.length === 0) return;
    e.preventDefault();
    setExpanded(true);
    const n = suggestions.length;
    if (e.key === "ArrowDown") setActive((i) => (shown ? (i + 1) % n : 0));
    else setActive((i) => (shown ? (i <= 0 ? n - 1 : i - 1) : n - 1));
  };

  const choose = (suggestion: Suggestion) => {
    setExpanded(false);
    open(suggestion.url);
  };

  return (
    <>
      <input
        ref={input}
        id={id}
        name="q"
        type="search"
        className={className}
        placeholder={placeholder}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={LISTBOX_ID}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={HINT_ID}
        aria-keyshortcuts="/"
        // onInput rather than onChange: it does not go through the value tracking the DSFR defeats.
        onInput={(e) => {
          setValue(e.currentTarget.value);
          setExpanded(true);
          // New words: no suggestion is chosen until the arrows choose one again.
          setActive(-1);
        }}
        onFocus={() => setExpanded(true)}
        onBlur={() => setExpanded(false)}
        onKeyDownCapture={onKeyDownCapture}
        onKeyDown={onKeyDown}
      />
      <p id={HINT_ID} hidden>
        Suggestions dès {SEARCH_SUGGEST_MIN} lettres ; Entrée pour voir tous les résultats. Raccourci : touche « / ».
      </p>
      <ul id={LISTBOX_ID} role="listbox" aria-label="Suggestions" className="atelier-suggestions" hidden={!shown}>
        {suggestions.map((s, i) => (
          <li
            key={`${s.type}:${s.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="atelier-suggestions__option"
            // The box keeps the focus while a suggestion is clicked.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(s)}
          >
            <span className="atelier-suggestions__title">{s.title}</span>
            <span className="atelier-suggestions__meta">
              {SEARCH_TYPE_LABELS[s.type]} · {s.spaceName}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
