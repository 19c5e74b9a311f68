import { fr } from "@codegouvfr/react-dsfr/fr";
import { expect, test } from "vitest";
import { THEME_BACKGROUND } from "./dsfr-colors";

test("the theme colours kept in the build are the DSFR's own", () => {
  expect(fr.colors.getHex({ isDark: false }).decisions.background.default.grey.default).toBe(THEME_BACKGROUND.light);
  expect(fr.colors.getHex({ isDark: true }).decisions.background.default.grey.default).toBe(THEME_BACKGROUND.dark);
});
