/**
 * The PDF reports are tagged (pdfkit's structure tree): a screen reader, or
 * a PDF/UA check, reads headings, tables of rows and cells, and figures
 * with their alt text, in the order the page shows them. Blocks are drawn
 * top to bottom, so the tree is built as they draw: inStruct opens an
 * element under the current one, markText makes drawn text its content,
 * and artifact marks what is decoration (fills, rules, bars, the running
 * footer, a table header repeated on a new page) so it is left out.
 */
import type { Doc } from "./pdf-fonts.ts";
import { type Marker, markInsideTextObject } from "./pdf-text.ts";

export type StructType = "Document" | "Sect" | "Div" | "H1" | "H2" | "P" | "Table" | "TR" | "TH" | "TD" | "Figure" | "Caption" | "Span";

interface Open {
  element: PDFKit.PDFStructureElement;
  type: StructType;
}

interface Tags {
  stack: Open[];
  /** inside marked content (text, or an artifact): what is drawn there is already marked */
  marking: number;
}

/** elements that only group others: text directly under one gets a P of its own */
const GROUPING = new Set<StructType>(["Document", "Sect", "Div", "Table", "TR"]);

const documents = new WeakMap<Doc, Tags>();

/** opens the document's root element; a document must have been made with `tagged: true` */
export function startTags(doc: Doc): void {
  const root = doc.struct("Document");
  doc.addStructure(root);
  documents.set(doc, { stack: [{ element: root, type: "Document" }], marking: 0 });
}

/** closes the root, before doc.end() */
export function endTags(doc: Doc): void {
  const tags = documents.get(doc);
  tags?.stack[0]?.element.end();
  documents.delete(doc);
}

function current(tags: Tags): Open {
  return tags.stack[tags.stack.length - 1] as Open;
}

/** `draw` inside a new element of `type` under the current one (alt: a figure's text alternative; scope: a header cell's) */
export function inStruct(doc: Doc, type: StructType, draw: () => void, options: { alt?: string; scope?: "Column" | "Row" } = {}): void {
  const tags = documents.get(doc);
  if (!tags || tags.marking > 0) {
    draw();
    return;
  }
  // pdfkit 0.20 writes `scope` as the table attribute /Scope; its types do not list it
  const element = doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
  current(tags).element.add(element);
  tags.stack.push({ element, type });
  try {
    draw();
  } finally {
    tags.stack.pop();
    element.end();
  }
}

/**
 * Text (or a figure's drawing) as content of the current element, or of a
 * new P when the current element only groups others. `draw` marks its own
 * chunks: plain ones become the element's content, a chunk with `actual`
 * (glyphs that do not read back as the text, pdf-text.ts) a Span whose
 * marked content carries the /ActualText that text extractors use.
 */
export function markText(doc: Doc, draw: (mark: Marker) => void): void {
  const tags = documents.get(doc);
  if (!tags || tags.marking > 0) {
    // untagged, or inside an artifact: the ActualText still helps extraction
    draw((chunk, actual) => {
      if (actual === undefined || !actual.inContent) chunk();
      else
        markInsideTextObject(
          doc,
          () => doc.markContent("Span", { actual: actual.text }),
          chunk,
          () => doc.endMarkedContent(),
        );
    });
    return;
  }
  const into = (element: PDFKit.PDFStructureElement) =>
    draw((chunk, actual) => {
      tags.marking++;
      try {
        if (actual === undefined) {
          element.add(chunk);
        } else {
          // the logical text on the element, for assistive technology; in the content too where extractors need it
          const span = doc.struct("Span", { actual: actual.text });
          element.add(span);
          if (actual.inContent) {
            let content: PDFKit.PDFStructureContent | undefined;
            markInsideTextObject(
              doc,
              () => {
                content = doc.markStructureContent("Span", { actual: actual.text });
              },
              chunk,
              () => doc.endMarkedContent(),
            );
            if (content) span.add(content);
          } else {
            span.add(chunk);
          }
          span.end();
        }
      } finally {
        tags.marking--;
      }
    });
  if (GROUPING.has(current(tags).type)) inStruct(doc, "P", () => into(current(tags).element));
  else into(current(tags).element);
}

/** decoration, or a repeat of what is tagged elsewhere: marked as an artifact, outside the structure */
export function artifact(doc: Doc, draw: () => void, type?: "Pagination" | "Layout"): void {
  const tags = documents.get(doc);
  if (!tags || tags.marking > 0) {
    draw();
    return;
  }
  doc.markContent("Artifact", type === undefined ? undefined : { type });
  tags.marking++;
  try {
    draw();
  } finally {
    tags.marking--;
    doc.endMarkedContent();
  }
}
