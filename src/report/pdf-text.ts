/**
 * Text in the PDF reports, laid out here rather than by pdfkit, which wraps
 * in one font only and lays a right-to-left phrase out word by word. A
 * string is split into runs, each in the face that has its characters
 * (pdf-fonts.ts), at the Unicode line-break opportunities (linebreak) and
 * the bidi levels (bidi-js); lines are filled greedily, and each line's runs
 * are drawn in visual order on one baseline. Measuring and drawing use the
 * same layout, so a block is exactly as tall as it was measured.
 */
import { createRequire } from "node:module";
import type { Bidi } from "bidi-js";
import LineBreaker from "linebreak";
import { type Doc, dejavuFace, type Face, type FontName, faceFor, useFace } from "./pdf-fonts.ts";

export interface TextLayoutStyle {
  font: FontName;
  size: number;
}

export interface LayoutOptions {
  /** longer text ends in an ellipsis on the last line */
  maxLines?: number;
  /**
   * where a line may break: the Unicode rules (the default), or only after
   * a character this matches (an id breaks after "." and "]", never inside a name)
   */
  breakAfter?: RegExp;
}

/** a run on a line, in one face and one direction */
export interface Piece {
  text: string;
  face: Face;
  rtl: boolean;
  /** in points */
  width: number;
  /**
   * the logical text, when the glyphs do not read back as it: a Devanagari
   * vowel sign drawn before its consonant, or a right-to-left run
   */
  actual?: string;
  /**
   * whether text extractors need `actual` too, in the content stream; not for
   * right-to-left runs, which poppler reorders itself (an ActualText there
   * would be reversed a second time): those carry it in the structure tree only
   */
  actualInContent?: boolean;
}

export interface Line {
  /** in visual order, left to right */
  pieces: Piece[];
  width: number;
}

export interface TextLayout {
  lines: Line[];
  size: number;
  lineHeight: number;
  /** from the top of a line to its baseline */
  ascent: number;
  /** the widest line */
  width: number;
  height: number;
}

/** characters that take the face of the run they are in, when that face has them */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
const SPACE = /\s/u;
/** invisible format characters are dropped (a face without them would draw a box); the joiners shape Arabic and Indic text */
const IGNORABLE = /(?![\u200c\u200d])\p{Default_Ignorable_Code_Point}/gu;
const RTL_CHARACTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
/** the joiners: they shape the letters around them, and are never drawn themselves */
const JOINER = /[\u200c\u200d]/u;
/**
 * what a character no bundled face has is drawn as (an emoji): the
 * replacement character, which DejaVu has. pdfkit would draw the face's
 * .notdef box wider than fontkit measures it (it writes that one glyph's
 * width unscaled), so the text after it would be drawn over.
 */
export const STAND_IN = "\ufffd";

// bidi-js is CommonJS whose types declare an ES default export: required, it is the factory its types describe
const bidi = (createRequire(import.meta.url)("bidi-js") as () => Bidi)();
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** font units of a string's advance, cached: reports repeat the same labels and values many times */
const advances = new Map<string, number>();
const MAX_CACHED = 200_000;

function advance(face: Face, text: string): number {
  const key = `${face.key}\u0000${text}`;
  let units = advances.get(key);
  if (units === undefined) {
    units = face.font.layout(text).advanceWidth;
    if (advances.size >= MAX_CACHED) advances.clear();
    advances.set(key, units);
  }
  return units;
}

function widthOf(face: Face, text: string, size: number): number {
  return (advance(face, text) * size) / face.font.unitsPerEm;
}

export function lineMetrics(font: FontName, size: number): { lineHeight: number; ascent: number } {
  const { font: metrics } = dejavuFace(font);
  const scale = size / metrics.unitsPerEm;
  return { lineHeight: (metrics.ascent - metrics.descent + metrics.lineGap) * scale, ascent: metrics.ascent * scale };
}

/** a stretch of the text in one face and at one bidi level, ending at a break opportunity or a change of face */
interface Segment {
  start: number;
  end: number;
  face: Face;
  level: number;
  width: number;
  /** all whitespace: it does not count at the end of a line */
  space: boolean;
  /** a line may break after it */
  breakAfter: boolean;
}

function breakPositions(text: string, breakAfter: RegExp | undefined): Set<number> {
  const positions = new Set<number>();
  if (breakAfter) {
    let index = 0;
    for (const character of text) {
      index += character.length;
      if (breakAfter.test(character) || SPACE.test(character)) positions.add(index);
    }
    return positions;
  }
  const breaker = new LineBreaker(text);
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
    // not after a hyphen-minus: text extractors take a hyphen at the end of a line for hyphenation and drop it ("Müller-Lüdenscheidt", "cross-entropy")
    if (text[found.position - 1] !== "-") positions.add(found.position);
  }
  return positions;
}

function levelsOf(text: string): Uint8Array {
  // no right-to-left character: everything is level 0, without running the algorithm
  if (!RTL_CHARACTER.test(text)) return new Uint8Array(text.length);
  return bidi.getEmbeddingLevels(text, "ltr").levels;
}

/** the text cut where its face, its bidi level, whitespace or a break opportunity changes */
function segmentsOf(text: string, style: TextLayoutStyle, breakAfter: RegExp | undefined): Segment[] {
  const levels = levelsOf(text);
  const breaks = breakPositions(text, breakAfter);
  const segments: Segment[] = [];
  let current: Segment | undefined;
  let index = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    const level = levels[index] ?? 0;
    const space = SPACE.test(character);
    const face =
      current && NEUTRAL.test(character) && current.face.font.hasGlyphForCodePoint(codePoint) ? current.face : faceFor(style.font, codePoint);
    const startsNew = !current || current.face !== face || current.level !== level || current.space !== space || current.breakAfter;
    if (startsNew) {
      current = { start: index, end: index, face, level, width: 0, space, breakAfter: false };
      segments.push(current);
    }
    index += character.length;
    (current as Segment).end = index;
    if (breaks.has(index)) (current as Segment).breakAfter = true;
  }
  for (const segment of segments) segment.width = widthOf(segment.face, text.slice(segment.start, segment.end), style.size);
  return segments;
}

/** a segment cut into its grapheme clusters, for a word longer than a line */
function graphemeSegments(text: string, segment: Segment, size: number): Segment[] {
  return [...graphemes.segment(text.slice(segment.start, segment.end))].map(({ segment: cluster, index }) => {
    const start = segment.start + index;
    return { ...segment, start, end: start + cluster.length, width: widthOf(segment.face, cluster, size), breakAfter: false };
  });
}

/** segments grouped into lines no wider than `width` (not counting each line's trailing whitespace) */
function fillLines(text: string, segments: Segment[], width: number, size: number): Segment[][] {
  const lines: Segment[][] = [];
  let line: Segment[] = [];
  let used = 0;
  let trailing = 0;
  const flush = () => {
    // a line's trailing spaces stay in the text (extracted, the words of two lines do not run together) but take no width
    if (line.some((segment) => !segment.space)) lines.push(line);
    line = [];
    used = 0;
    trailing = 0;
  };
  const add = (segment: Segment) => {
    if (segment.space) {
      // a wrapped line starts at its first word; the text's own first line keeps its leading space
      if (line.length === 0 && lines.length > 0) return;
      trailing += segment.width;
    } else {
      used += trailing + segment.width;
      trailing = 0;
    }
    line.push(segment);
  };
  // words: the segments up to a break opportunity
  let word: Segment[] = [];
  const placeWord = () => {
    const wordWidth = word.filter((segment) => !segment.space).reduce((total, segment) => total + segment.width, 0);
    if (line.length > 0 && used + trailing + wordWidth > width && wordWidth > 0) flush();
    if (line.length === 0 && wordWidth > width) {
      // longer than a whole line: cut between grapheme clusters, as little as it takes
      for (const part of word.flatMap((segment) => (segment.space ? [segment] : graphemeSegments(text, segment, size)))) {
        if (!part.space && line.length > 0 && used + trailing + part.width > width) flush();
        add(part);
      }
    } else {
      for (const segment of word) add(segment);
    }
    word = [];
  };
  for (const segment of segments) {
    word.push(segment);
    if (segment.breakAfter) placeWord();
  }
  if (word.length > 0) placeWord();
  flush();
  return lines;
}

/** UAX #9 rule L2 on whole pieces: reverse every run of pieces at or above each odd level, highest first */
function visualOrder<T extends { level: number }>(pieces: T[]): T[] {
  const ordered = [...pieces];
  const levels = ordered.map((piece) => piece.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    let start = 0;
    while (start < ordered.length) {
      if ((ordered[start] as T).level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < ordered.length && (ordered[end] as T).level >= level) end++;
      ordered.splice(start, end - start, ...ordered.slice(start, end).reverse());
      start = end;
    }
  }
  return ordered;
}

/** whether the face's glyphs for `text` read back, in order, as `text` (else a text extractor needs the ActualText) */
function readsBack(face: Face, text: string): boolean {
  const read = face.font.layout(text).glyphs.flatMap((glyph) => glyph.codePoints);
  const logical = [...text].map((character) => character.codePointAt(0));
  return read.length === logical.length && read.every((codePoint, i) => codePoint === logical[i]);
}

function toLine(text: string, segments: Segment[], size: number): Line {
  // adjacent segments in one face and direction are drawn as one piece, so shaping and kerning cross their joins
  const merged: (Segment & { text: string })[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.face === segment.face && last.level === segment.level && last.end === segment.start) {
      last.end = segment.end;
      last.text = text.slice(last.start, last.end);
    } else {
      merged.push({ ...segment, text: text.slice(segment.start, segment.end) });
    }
  }
  const pieces = visualOrder(merged).map((segment): Piece => {
    const rtl = segment.level % 2 === 1;
    const piece: Piece = { text: segment.text, face: segment.face, rtl, width: widthOf(segment.face, segment.text, size) };
    if (rtl && segment.face.font.layout(segment.text).glyphs.length > 1) {
      piece.actual = segment.text;
      piece.actualInContent = false;
    } else if (!rtl && !segment.face.base && !readsBack(segment.face, segment.text)) {
      piece.actual = segment.text;
      piece.actualInContent = true;
    }
    return piece;
  });
  // trailing whitespace is drawn (after the last word) but takes no room: the line is as wide as its last word's end
  let trailing = 0;
  for (let i = segments.length - 1; i >= 0 && (segments[i] as Segment).space; i--) trailing += (segments[i] as Segment).width;
  return { pieces, width: pieces.reduce((total, piece) => total + piece.width, 0) - trailing };
}

function drawable(font: FontName, character: string): boolean {
  const codePoint = character.codePointAt(0) ?? 0;
  return JOINER.test(character) || faceFor(font, codePoint).font.hasGlyphForCodePoint(codePoint);
}

/** each grapheme cluster holding a character no face has (an emoji, a ZWJ sequence of them) as one STAND_IN */
function withStandIns(text: string, font: FontName): string {
  let complete = true;
  for (const character of text) {
    if (!drawable(font, character)) {
      complete = false;
      break;
    }
  }
  if (complete) return text;
  let out = "";
  for (const { segment } of graphemes.segment(text)) out += [...segment].every((character) => drawable(font, character)) ? segment : STAND_IN;
  return out;
}

/**
 * The text as it is laid out and drawn: composed (NFC: "é" one character,
 * not "e" and a combining accent, which a text extractor reads apart),
 * without invisible format characters, and with a stand-in for what no
 * face can draw. Measuring and drawing both go through layoutText, so
 * they always agree.
 */
export function drawnText(content: string, font: FontName): string {
  return withStandIns(content.normalize("NFC").replace(IGNORABLE, ""), font);
}

/** the text as lines no wider than `width` (Infinity: one line per paragraph) */
export function layoutText(content: string, style: TextLayoutStyle, width: number, options: LayoutOptions = {}): TextLayout {
  const text = drawnText(content, style.font);
  const { lineHeight, ascent } = lineMetrics(style.font, style.size);
  let lines = fillLines(text, segmentsOf(text, style, options.breakAfter), width, style.size).map((segments) => toLine(text, segments, style.size));
  const maxLines = options.maxLines;
  if (maxLines !== undefined && lines.length > maxLines) {
    lines = lines.slice(0, Math.max(0, maxLines - 1));
    if (maxLines > 0) lines.push(ellipsisLine(text, lines.length, style, width, options.breakAfter));
  }
  return { lines, size: style.size, lineHeight, ascent, width: Math.max(0, ...lines.map((line) => line.width)), height: lines.length * lineHeight };
}

/** the text from line `index` on, cut to one line that ends in "…" */
function ellipsisLine(text: string, index: number, style: TextLayoutStyle, width: number, breakAfter: RegExp | undefined): Line {
  const line = fillLines(text, segmentsOf(text, style, breakAfter), width, style.size)[index] ?? [];
  const start = line[0]?.start ?? text.length;
  const clusters = [...graphemes.segment(text.slice(start))].map((cluster) => cluster.segment);
  // the line fits as it is: with the "…" it can only lose clusters from its end
  let kept = [...graphemes.segment(text.slice(start, line[line.length - 1]?.end ?? start))].length;
  for (;;) {
    const candidate = `${clusters.slice(0, kept).join("").trimEnd()}…`;
    const segments = segmentsOf(candidate, style, undefined);
    const candidateWidth = segments.reduce((total, segment) => total + segment.width, 0);
    if (candidateWidth <= width || kept === 0) return toLine(candidate, segments, style.size);
    kept--;
  }
}

/** the width of the text on one line, as drawn */
export function textWidth(content: string, style: TextLayoutStyle): number {
  return layoutText(content, style, Number.POSITIVE_INFINITY).width;
}

/**
 * How drawn text is marked: `mark(draw)` for text that reads back as drawn,
 * `mark(draw, actual)` for a piece whose glyphs do not (pdf-tags.ts makes the
 * first structure content, the second a Span with its /ActualText).
 */
export type Marker = (draw: () => void, actual?: { text: string; inContent: boolean }) => void;

/** draws a layout with its top left at (x, y), each line aligned in `width`; consecutive plain pieces are marked together */
export function drawLayout(doc: Doc, layout: TextLayout, x: number, y: number, width: number, align: "left" | "right" | "center", color: string, mark: Marker): void {
  let plain: (() => void)[] = [];
  const flush = () => {
    if (plain.length === 0) return;
    const draws = plain;
    plain = [];
    mark(() => {
      for (const draw of draws) draw();
    });
  };
  layout.lines.forEach((line, index) => {
    const baseline = y + index * layout.lineHeight + layout.ascent;
    let left = align === "right" ? x + width - line.width : align === "center" ? x + (width - line.width) / 2 : x;
    for (const piece of line.pieces) {
      const at = left;
      const draw = () => {
        doc.font(useFace(doc, piece.face)).fontSize(layout.size).fillColor(color);
        // features: pdfkit then lays the whole piece out at once; by default it shapes word by word, which breaks right-to-left phrases
        doc.text(piece.text, at, baseline, { baseline: "alphabetic", lineBreak: false, features: [] });
      };
      if (piece.actual === undefined) {
        plain.push(draw);
      } else {
        flush();
        mark(draw, { text: piece.actual, inContent: piece.actualInContent ?? true });
      }
      left += piece.width;
    }
  });
  flush();
}

/**
 * Runs `open` (which writes a BDC), `draw` (one text object as pdfkit writes
 * it: q, cm, BT … ET, Q) and `close` (its EMC), moving the BDC just inside BT
 * and the EMC just before ET. There the text's own transform is in force:
 * poppler places an /ActualText with the transform current at the EMC,
 * which after pdfkit's Q would be the page's, and the text would land elsewhere.
 */
export function markInsideTextObject(doc: Doc, open: () => void, draw: () => void, close: () => void): void {
  const addContent = doc.addContent;
  const held: unknown[] = [];
  let phase: "open" | "draw" | "close" = "open";
  let opened = 0;
  let closed = 0;
  doc.addContent = function (this: Doc, data: unknown) {
    if (phase === "open") {
      held.push(data);
    } else if (phase === "draw") {
      if (data === "ET" && opened > closed) {
        addContent.call(this, "EMC");
        closed++;
      }
      addContent.call(this, data);
      if (data === "BT" && opened === 0) {
        for (const line of held) addContent.call(this, line);
        opened++;
      }
    }
    // phase "close": its EMC was written before ET
    return this;
  };
  try {
    open();
    phase = "draw";
    draw();
    phase = "close";
    close();
  } finally {
    doc.addContent = addContent;
  }
  if (opened !== 1 || closed !== 1) throw new Error(`pdf text: expected one text object in a marked span, saw ${opened}`);
}
