// pdfmake's DefinitelyTyped package pulls in the DOM's types (`/// <reference lib="dom">`), which change
// fetch's types for the whole server; this is the part of pdfmake's Node API the PDF export uses.
declare module "pdfmake" {
  export type Content = Record<string, unknown> | string;
  export interface TDocumentDefinitions {
    content: Content[];
    [key: string]: unknown;
  }
  const pdfmake: {
    setFonts(fonts: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
  };
  export default pdfmake;
}
