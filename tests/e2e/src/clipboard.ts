/** What journeys hand to the editor as a person pastes or drops files into the text. */
import type { Locator } from "playwright-core";

/** A 1×1 PNG. */
export const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** Pastes (or drops) files into the text as the browser would hand them over: a DataTransfer of File objects. */
export async function handOver(editor: Locator, type: "paste" | "drop", files: { name: string; base64: string; mime: string }[]) {
  await editor.evaluate(
    (el, { type, files }) => {
      const data = new DataTransfer();
      for (const f of files) {
        data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.mime }));
      }
      const box = el.querySelector("p")!.getBoundingClientRect();
      const event =
        type === "paste"
          ? new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
          : new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true, clientX: box.left + 2, clientY: box.top + 2 });
      el.dispatchEvent(event);
    },
    { type, files },
  );
}
