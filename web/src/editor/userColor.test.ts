import { describe, expect, it } from "vitest";
import { presentColors, USER_COLORS, userColor } from "./userColor";

/** WCAG relative luminance and contrast ratio. */
function contrast(hex: string, other = "#ffffff"): number {
  const lum = (h: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [a, b] = [lum(hex), lum(other)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

describe("colours of the people present", () => {
  const ids = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

  it("never gives two people present the same colour, even when their preferred colours collide", () => {
    const [a, b] = [ids[0]!, ids.find((id, i) => i > 0 && userColor(id) === userColor(ids[0]!))!];
    expect(userColor(a)).toBe(userColor(b));
    const colors = presentColors([a, b]);
    expect(colors.get(a)).not.toBe(colors.get(b));

    for (let n = 2; n <= USER_COLORS.length; n++) {
      const present = ids.slice(n * 7, n * 7 + n);
      expect(new Set(presentColors(present).values()).size).toBe(n);
    }
  });

  it("gives everyone the same answer whatever the order they see the others in, and one colour per person", () => {
    const present = ids.slice(10, 16);
    const seen = presentColors(present);
    expect(presentColors([...present].reverse())).toEqual(seen);
    expect(presentColors([...present, present[0]!]).size).toBe(present.length);
  });

  it("keeps a person alone in their own colour", () => {
    for (const id of ids.slice(0, 20)) expect(presentColors([id]).get(id)).toBe(userColor(id));
  });

  it("uses colours dark enough for white labels", () => {
    for (const c of USER_COLORS) expect(contrast(c)).toBeGreaterThanOrEqual(4.5);
  });
});
