/**
 * Office files for the preview tests and matrix rows, written here as OpenDocument (LibreOffice turns
 * them into DOCX, XLSX and PPTX in the tests): each holds a heading, a list, a table and what a preview
 * must never carry along — a script, a remote image.
 */
import { strToU8, zipSync } from "fflate";

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ' +
  'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ' +
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"';

const REMOTE_IMAGE =
  '<draw:frame svg:width="2cm" svg:height="2cm"><draw:image xlink:href="https://traceur.example/pixel.png" xlink:type="simple" xlink:show="embed"/></draw:frame>';

function odf(mime: string, body: string): Buffer {
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3"><office:scripts><office:script script:language="ooo:Basic">Shell("rm -rf /")</office:script></office:scripts><office:body>${body}</office:body></office:document-content>`;
  return Buffer.from(
    zipSync({ mimetype: [strToU8(mime), { level: 0 }], "META-INF/manifest.xml": strToU8(manifest), "content.xml": strToU8(content) }),
  );
}

export const ODT_FIXTURE = () =>
  odf(
    "application/vnd.oasis.opendocument.text",
    `<office:text><text:h text:outline-level="1">Compte rendu du COPIL</text:h><text:p>Les partenaires &lt;script&gt;alert(1)&lt;/script&gt; étaient présents.</text:p>` +
      `<text:p>${REMOTE_IMAGE}</text:p><text:list><text:list-item><text:p>Accueil inconditionnel</text:p></text:list-item><text:list-item><text:p>Aller vers</text:p></text:list-item></text:list>` +
      `<table:table table:name="Suivi"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell office:value-type="string"><text:p>Action</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Porteur</text:p></table:table-cell></table:table-row>` +
      `<table:table-row><table:table-cell office:value-type="string"><text:p>Formation commune</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Département</text:p></table:table-cell></table:table-row></table:table></office:text>`,
  );

export const ODS_FIXTURE = () =>
  odf(
    "application/vnd.oasis.opendocument.spreadsheet",
    `<office:spreadsheet><table:table table:name="Indicateurs"><table:table-row><table:table-cell office:value-type="string"><text:p>Territoire</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Participants</text:p></table:table-cell></table:table-row>` +
      `<table:table-row><table:table-cell office:value-type="string"><text:p>Grand-Sud</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="42"><text:p>42</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>`,
  );

export const ODP_FIXTURE = () =>
  odf(
    "application/vnd.oasis.opendocument.presentation",
    `<office:presentation><draw:page draw:name="Ouverture"><draw:frame svg:width="20cm" svg:height="3cm" svg:x="1cm" svg:y="1cm"><draw:text-box><text:p>Assises territoriales</text:p></draw:text-box></draw:frame></draw:page>` +
      `<draw:page draw:name="Suite"><draw:frame svg:width="20cm" svg:height="3cm" svg:x="1cm" svg:y="1cm"><draw:text-box><text:p>Leviers d'actions partagés</text:p></draw:text-box></draw:frame></draw:page></office:presentation>`,
  );

const CONTENT_TYPES = (overrides: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
const RELS = (target: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;

/** The smallest XLSX Excel opens (LibreOffice Writer alone, as installed for the tests, writes no spreadsheet). */
export const XLSX_FIXTURE = () =>
  Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8(
        CONTENT_TYPES(
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
        ),
      ),
      "_rels/.rels": strToU8(RELS("xl/workbook.xml", "officeDocument")),
      "xl/workbook.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Indicateurs" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(RELS("worksheets/sheet1.xml", "worksheet")),
      "xl/sharedStrings.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Territoire</t></si><si><t>Grand-Sud</t></si><si><t>&lt;script&gt;alert(1)&lt;/script&gt;</t></si></sst>',
      ),
      "xl/worksheets/sheet1.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>42</v></c></row></sheetData></worksheet>',
      ),
    }),
  );

/** The smallest PPTX of two slides' text. */
export const PPTX_FIXTURE = () => {
  const slide = (text: string) =>
    strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`,
    );
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8(
        CONTENT_TYPES(
          '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/><Override PartName="/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/><Override PartName="/ppt/slides/slide2.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>',
        ),
      ),
      "_rels/.rels": strToU8(RELS("ppt/presentation.xml", "officeDocument")),
      "ppt/presentation.xml": strToU8('<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'),
      "ppt/slides/slide1.xml": slide("Assises territoriales"),
      "ppt/slides/slide2.xml": slide("Leviers d'actions partagés"),
    }),
  );
};
