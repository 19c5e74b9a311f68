/** What the tests of texts the site publishes share: a document's images, written as the editor writes them. */
import * as Y from "yjs";
import type { Client, TestServer } from "../../test/harness.js";
import { connect, fragmentText, readStored, synced, until } from "../collab/test-helpers.js";

/**
 * Puts these images (attachment addresses) in the text in place of those it shows, after the
 * heading that names `heading` (else at the end).
 */
export function placeImages(doc: Y.Doc, srcs: string[], heading?: string) {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    for (let i = fragment.length - 1; i >= 0; i--) if ((fragment.get(i) as Y.XmlElement).nodeName === "image") fragment.delete(i, 1);
    const children = fragment.toArray();
    const at = heading ? children.findIndex((n) => n instanceof Y.XmlElement && n.nodeName === "heading" && n.toString().includes(heading)) : -1;
    const images = srcs.map((src) => {
      const image = new Y.XmlElement("image");
      image.setAttribute("src", src);
      return image;
    });
    fragment.insert(at >= 0 ? at + 1 : fragment.length, images);
  });
}

/** placeImages through the socket, as a writer would; resolves once stored. */
export async function setImages(server: TestServer, client: Client, documentId: string, srcs: string[], heading?: string) {
  const peer = connect(server.url, client, documentId);
  try {
    await synced(peer);
    placeImages(peer.doc, srcs, heading);
    const want = fragmentText(peer.doc);
    await until("enregistrement", async () => (await readStored(server.services.db, documentId, fragmentText)) === want);
  } finally {
    peer.destroy();
  }
}
