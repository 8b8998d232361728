/**
 * Page flow and tables for the PDF report: a block that does not fit goes to
 * the next page whole, and a table row that does not fit starts a new page
 * that repeats the table's heading and column header, as a printed table should.
 * A table is tagged Table, TR, TH and TD (pdf-tags.ts); the repeats on later
 * pages are artifacts, so a screen reader meets the header once.
 */
import { asArtifact, type Block, COLOR, type Doc, FONT, label } from "./pdf-layout.ts";
import { artifact, inStruct } from "./pdf-tags.ts";

export class PageFlow {
  y: number;

  constructor(
    private readonly doc: Doc,
    readonly left: number,
    readonly top: number,
    readonly bottom: number,
    readonly width: number,
  ) {
    this.y = top;
  }

  get atTop(): boolean {
    return this.y === this.top;
  }

  fits(height: number): boolean {
    return this.y + height <= this.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /**
   * `gap` points of space first (none at the top of a page); a block that
   * does not fit, with `keep` points under it for what must follow on the
   * same page, starts a new page
   */
  place(block: Block, gap = 0, keep = 0): void {
    if (block.height === 0) return;
    const space = this.atTop ? 0 : gap;
    if (!this.fits(space + block.height + keep) && !this.atTop) this.newPage();
    else this.y += space;
    block.draw(this.left, this.y);
    this.y += block.height;
  }
}

export interface TableColumn {
  label: string;
  width: number;
  align?: "left" | "right";
}

export interface TableRow {
  /** one per column, given the column's inner width */
  cells: ((width: number) => Block)[];
  /**
   * drawn across the whole table above the cells, and read as part of the
   * first cell: an id too long for its column, which must stay on one line
   */
  above?: (width: number) => Block;
  /**
   * drawn under the row across the columns from `belowFrom` on, on the same
   * page as the row (a plot); given the height left on a page under the row,
   * so that a row always fits on one page
   */
  below?: (width: number, maxHeight: number) => Block;
}

export interface TableOptions {
  /** drawn above the column header (tagged by the caller, as a heading), and again (continued) on each new page */
  heading?: Block;
  continued?: Block;
  /** index of the first column the `below` block spans */
  belowFrom?: number;
  gapBefore?: number;
  /**
   * room the last row keeps under it on its page, for what follows the
   * table (the report's closing note), so that never goes to a page alone
   */
  keepWithLast?: number;
}

const PAD = { x: 5, y: 5 };
const HEADER_SIZE = 6.5;
/** between a row's `above` line and its cells */
const ABOVE_GAP = 2;

export function drawTable(doc: Doc, flow: PageFlow, columns: TableColumn[], rows: TableRow[], options: TableOptions = {}): void {
  const width = columns.reduce((total, column) => total + column.width, 0);
  const header = headerRow(doc, columns, width);
  const belowFrom = options.belowFrom ?? 0;
  const belowLeft = columns.slice(0, belowFrom).reduce((total, column) => total + column.width, 0);

  const place = (block: Block) => {
    block.draw(flow.left, flow.y);
    flow.y += block.height;
  };

  // what a fresh page holds under the repeated heading and header
  const pageHeight = flow.bottom - flow.top - ((options.continued ?? options.heading)?.height ?? 0) - header.height;
  const measured = rows.map((row) => {
    const cells = row.cells.map((cell, i) => cell((columns[i]?.width ?? 0) - 2 * PAD.x));
    const above = row.above?.(width - 2 * PAD.x);
    const aboveHeight = above && above.height > 0 ? above.height + ABOVE_GAP : 0;
    const cellsHeight = aboveHeight + Math.max(0, ...cells.map((cell) => cell.height)) + 2 * PAD.y;
    const below = row.below?.(width - belowLeft - 2 * PAD.x, pageHeight - cellsHeight - PAD.y);
    const belowHeight = below && below.height > 0 ? below.height + PAD.y : 0;
    return { cells, above, aboveHeight, cellsHeight, below, height: cellsHeight + belowHeight };
  });

  const keepAfter = (index: number) => (index === measured.length - 1 ? (options.keepWithLast ?? 0) : 0);
  // the heading, the header and the first row stay together
  const firstHeight = (options.heading?.height ?? 0) + header.height + (measured[0]?.height ?? 0) + keepAfter(0);
  const gap = flow.atTop ? 0 : (options.gapBefore ?? 0);
  if (!flow.fits(gap + firstHeight) && !flow.atTop) flow.newPage();
  else flow.y += gap;
  if (options.heading) place(options.heading);

  inStruct(doc, "Table", () => {
    place(header);
    for (const [index, row] of measured.entries()) {
      // the first row's place was settled with the header's; a page with a header and no row is never made
      if (index > 0 && !flow.fits(row.height + keepAfter(index))) {
        flow.newPage();
        const repeat = options.continued ?? options.heading;
        if (repeat) place(asArtifact(doc, repeat, "Pagination"));
        place(asArtifact(doc, header, "Pagination"));
      }
      const top = flow.y;
      inStruct(doc, "TR", () => {
        let left = flow.left;
        row.cells.forEach((cell, i) => {
          const column = columns[i];
          if (!column) return;
          const inner = column.width - 2 * PAD.x;
          const x = column.align === "right" ? left + PAD.x + inner - cell.width : left + PAD.x;
          inStruct(doc, "TD", () => {
            if (i === 0 && row.above && row.aboveHeight > 0) row.above.draw(flow.left + PAD.x, top + PAD.y);
            cell.draw(x, top + PAD.y + row.aboveHeight);
          });
          left += column.width;
        });
        const below = row.below;
        if (below && below.height > 0) inStruct(doc, "TD", () => below.draw(flow.left + belowLeft + PAD.x, top + row.cellsHeight));
      });
      flow.y = top + row.height;
      artifact(doc, () => {
        doc.save();
        doc.moveTo(flow.left, flow.y).lineTo(flow.left + width, flow.y).lineWidth(0.5).stroke(COLOR.border);
        doc.restore();
      });
    }
  });
}

/** the column labels on a grey band: a row of TH cells where it is first drawn */
function headerRow(doc: Doc, columns: TableColumn[], width: number): Block {
  const style = { font: FONT.bold, size: HEADER_SIZE, color: COLOR.muted };
  const labels = columns.map((column) => label(doc, column.label.toUpperCase(), column.width - 2 * PAD.x, style));
  const height = Math.max(0, ...labels.map((block) => block.height)) + 2 * PAD.y;
  return {
    width,
    height,
    draw(x, y) {
      artifact(doc, () => {
        doc.save();
        doc.rect(x, y, width, height).fill(COLOR.headerFill);
        doc.moveTo(x, y + height).lineTo(x + width, y + height).lineWidth(0.5).stroke(COLOR.border);
        doc.restore();
      });
      inStruct(doc, "TR", () => {
        let left = x;
        labels.forEach((block, i) => {
          const column = columns[i];
          if (!column) return;
          const inner = column.width - 2 * PAD.x;
          inStruct(doc, "TH", () => block.draw(column.align === "right" ? left + PAD.x + inner - block.width : left + PAD.x, y + PAD.y), { scope: "Column" });
          left += column.width;
        });
      });
    },
  };
}
