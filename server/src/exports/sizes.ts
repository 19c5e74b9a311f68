/** An image's size to print: its own, shrunk to the text's width when wider. */
export function fitWidth(image: { width: number; height: number }, maxWidth: number) {
  const scale = Math.min(1, maxWidth / image.width);
  return { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
}
