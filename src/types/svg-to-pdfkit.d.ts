/** svg-to-pdfkit ships no types: only what src/report/pdf.ts uses. */
declare module "svg-to-pdfkit" {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** 1px = 1pt instead of 72/96 */
    assumePt?: boolean;
    precision?: number;
    /** returns the name of a font registered with the document; the library's default falls back to Helvetica */
    fontCallback?: (family: string, bold: boolean, italic: boolean, fontOptions: { fauxBold: boolean; fauxItalic: boolean }) => string;
    warningCallback?: (message: string) => void;
    /** maps an <image> link to what doc.openImage reads (by default: the link itself, a path on disk) */
    imageCallback?: (link: string) => string;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
  export = SVGtoPDF;
}
