/**
 * Measure-then-draw building blocks for the PDF report. pdfkit flows text
 * onto a new page by itself whenever it runs past the bottom margin, which
 * would split a table row in two; so every block is measured first, the
 * page break is decided here, and text is laid out by pdf-text.ts and drawn
 * line by line, never wrapped by pdfkit (which then never adds a page).
 */
import { sanitizeText } from "./format.ts";
import { type Doc, FONT, type FontName } from "./pdf-fonts.ts";
import { artifact, inStruct, markText, type StructType } from "./pdf-tags.ts";
import { drawLayout, layoutText, textWidth } from "./pdf-text.ts";

export { type Doc, FONT, type FontName };

/** the HTML report's palette (templates/partials/styles.hbs), so both look alike */
export const COLOR = {
  text: "#1f2933",
  muted: "#616e7c",
  faint: "#9aa5b1",
  border: "#e4e7eb",
  headerFill: "#f5f7fa",
  barTrack: "#e4e7eb",
  good: "#3f9142",
  fair: "#e8a33d",
  poor: "#d64545",
} as const;

export interface Block {
  readonly width: number;
  readonly height: number;
  draw(x: number, y: number): void;
}

export interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  align?: "left" | "right" | "center";
  /** longer text ends in an ellipsis on the last line */
  maxLines?: number;
  /** where a line may break, if not at the Unicode line-break opportunities (pdf-text.ts) */
  breakAfter?: RegExp;
}

export const EMPTY: Block = { width: 0, height: 0, draw: () => undefined };

/**
 * Text wrapped to `width`, in as many faces as its scripts need.
 * Everything drawn goes through sanitizeText: a newline or a bidi override
 * in a student's name must not move other text.
 */
export function text(doc: Doc, content: string, width: number, style: TextStyle): Block {
  const layout = layoutText(sanitizeText(content), style, width, {
    ...(style.maxLines === undefined ? {} : { maxLines: style.maxLines }),
    ...(style.breakAfter === undefined ? {} : { breakAfter: style.breakAfter }),
  });
  return {
    width,
    height: layout.height,
    draw(x, y) {
      if (layout.lines.length === 0) return;
      markText(doc, (mark) => drawLayout(doc, layout, x, y, width, style.align ?? "left", style.color, mark));
    },
  };
}

/** One line at its natural width, cut with an ellipsis at maxWidth. */
export function label(doc: Doc, content: string, maxWidth: number, style: TextStyle): Block {
  const natural = textWidth(sanitizeText(content), style);
  return text(doc, content, Math.min(maxWidth, natural), { ...style, maxLines: 1 });
}

/** the width `content` takes on one line in `style` */
export function measure(content: string, style: { font: FontName; size: number }): number {
  return textWidth(sanitizeText(content), style);
}

/** the block, drawn inside a structure element of `type` (pdf-tags.ts) */
export function tagged(doc: Doc, block: Block, type: StructType, options: { alt?: string } = {}): Block {
  return { width: block.width, height: block.height, draw: (x, y) => inStruct(doc, type, () => block.draw(x, y), options) };
}

/** the block, drawn as an artifact: decoration, or a repeat of something tagged where it first appeared */
export function asArtifact(doc: Doc, block: Block, type?: "Pagination" | "Layout"): Block {
  return { width: block.width, height: block.height, draw: (x, y) => artifact(doc, () => block.draw(x, y), type) };
}

/** Blocks one under another; past maxHeight the rest is replaced by `more(count)` when given. */
export function stack(blocks: Block[], options: { gap?: number; maxHeight?: number; more?: (hidden: number) => Block } = {}): Block {
  const gap = options.gap ?? 0;
  const shown = blocks.filter((block) => block.height > 0);
  const kept: Block[] = [];
  let height = 0;
  // room kept for the "more" line under any block but the last (its height does not depend on the count)
  const reserve = options.more && options.maxHeight !== undefined ? gap + options.more(shown.length).height : 0;
  for (const [index, block] of shown.entries()) {
    const next = height + (kept.length > 0 ? gap : 0) + block.height;
    const room = index < shown.length - 1 ? reserve : 0;
    if (options.maxHeight !== undefined && next + room > options.maxHeight && kept.length > 0) {
      const rest = options.more ? options.more(shown.length - index) : EMPTY;
      kept.push(rest);
      height += gap + rest.height;
      break;
    }
    kept.push(block);
    height = next;
  }
  const width = Math.max(0, ...kept.map((block) => block.width));
  return {
    width,
    height,
    draw(x, y) {
      let top = y;
      for (const block of kept) {
        if (block.height === 0) continue;
        block.draw(x, top);
        top += block.height + gap;
      }
    },
  };
}

/** Blocks side by side, top-aligned, separated by `gap`. */
export function inline(blocks: Block[], gap = 0): Block {
  const shown = blocks.filter((block) => block.width > 0);
  return {
    width: shown.reduce((total, block) => total + block.width, 0) + gap * Math.max(0, shown.length - 1),
    height: Math.max(0, ...shown.map((block) => block.height)),
    draw(x, y) {
      let left = x;
      for (const block of shown) {
        block.draw(left, y);
        left += block.width + gap;
      }
    },
  };
}

/** Inline pieces (badges, labels) laid out left to right, wrapping onto new lines within `width`. */
export function flowWrap(pieces: Block[], width: number, gap: { x: number; y: number }): Block {
  const lines: Block[][] = [[]];
  let used = 0;
  for (const piece of pieces) {
    const line = lines[lines.length - 1] as Block[];
    if (line.length > 0 && used + gap.x + piece.width > width) {
      lines.push([piece]);
      used = piece.width;
    } else {
      used += (line.length > 0 ? gap.x : 0) + piece.width;
      line.push(piece);
    }
  }
  return stack(
    lines.map((line) => inline(line, gap.x)),
    { gap: gap.y },
  );
}

export interface BoxStyle {
  padding: { x: number; y: number };
  fill?: string;
  stroke?: string;
  radius?: number;
  /** a coloured rule down the left edge (the diagnosis note) */
  leftRule?: string;
}

/** Content inside a padded, optionally filled and outlined box of the given outer width. */
export function box(doc: Doc, content: (innerWidth: number) => Block, width: number, style: BoxStyle): Block {
  const inner = content(width - 2 * style.padding.x);
  const height = inner.height + 2 * style.padding.y;
  return {
    width,
    height,
    draw(x, y) {
      artifact(doc, () => {
        doc.save();
        if (style.fill || style.stroke) {
          doc.roundedRect(x, y, width, height, style.radius ?? 0);
          if (style.fill && style.stroke) doc.lineWidth(0.75).fillAndStroke(style.fill, style.stroke);
          else if (style.fill) doc.fill(style.fill);
          else if (style.stroke) doc.lineWidth(0.75).stroke(style.stroke);
        }
        if (style.leftRule) doc.rect(x, y, 2.5, height).fill(style.leftRule);
        doc.restore();
      });
      inner.draw(x + style.padding.x, y + style.padding.y);
    },
  };
}

/** A progress bar: a grey track with a coloured fill for `percent` of it. */
export function bar(doc: Doc, width: number, height: number, percent: number, color: string): Block {
  return {
    width,
    height,
    draw(x, y) {
      // the number it stands for is printed beside it
      artifact(doc, () => {
        doc.save();
        doc.roundedRect(x, y, width, height, height / 2).fill(COLOR.barTrack);
        const filled = (width * Math.min(100, Math.max(0, percent))) / 100;
        if (filled > 0) doc.roundedRect(x, y, Math.max(filled, height), height, height / 2).fill(color);
        doc.restore();
      });
    },
  };
}

/** Reserves `height` more points at the bottom of the block (spacing after a section). */
export function padBottom(block: Block, height: number): Block {
  return { width: block.width, height: block.height + height, draw: (x, y) => block.draw(x, y) };
}

/** The block moved down by `dy`, taking that much more room. */
export function offset(block: Block, dy: number): Block {
  return { width: block.width, height: block.height + dy, draw: (x, y) => block.draw(x, y + dy) };
}
