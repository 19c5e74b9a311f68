/** The title and themes of a document, as the new-document and the edit dialogs ask them. */
import { THEME_SLUGS, themeName } from "@atelier/shared";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { describedBy } from "../../components/FormError";

interface Props {
  idPrefix: string;
  errorId: string;
  error: string | null;
  title: string;
  themes: string[];
  onTitle(title: string): void;
  onThemes(themes: string[]): void;
}

export function DocumentFields({ idPrefix, errorId, error, title, themes, onTitle, onThemes }: Props) {
  const toggle = (slug: string, on: boolean) => onThemes(on ? [...themes, slug] : themes.filter((t) => t !== slug));
  return (
    <>
      <Input
        label="Titre"
        nativeInputProps={{
          id: `${idPrefix}-titre`,
          value: title,
          maxLength: 200,
          required: true,
          onChange: (e) => onTitle(e.target.value),
          ...describedBy(errorId, error),
        }}
      />
      <Checkbox
        legend="Thématiques (facultatif)"
        small
        options={THEME_SLUGS.map((slug) => ({
          label: themeName(slug),
          nativeInputProps: { name: `${idPrefix}-themes`, value: slug, checked: themes.includes(slug), onChange: (e) => toggle(slug, e.target.checked) },
        }))}
      />
    </>
  );
}
