/**
 * The fonts of the PDF reports, all from npm packages (never the operating
 * system's, never downloaded): DejaVu for Latin, Greek, Cyrillic and the
 * math signs, and one face for each script DejaVu lacks: Noto Sans SC
 * (Chinese characters and kana), Nanum Gothic (Hangul), Noto Sans
 * Devanagari and Noto Sans Arabic. pdf-text.ts draws text in runs, each in
 * the face this module picks for its characters.
 *
 * The script fonts come as web-font slices, one file per unicode-range
 * (the packages' unicode.json or css), so only the slices a report uses are
 * read. fontkit, pdfkit's font engine, reads WOFF2 but writes broken
 * subsets from it, so WOFF files are used where a package has them and the
 * WOFF2-only Noto Sans SC is decoded first (prepareFonts, before drawing).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { create, type Font } from "fontkit";

export type Doc = PDFKit.PDFDocument;

/** names the DejaVu faces are registered under in every document */
export const FONT = {
  regular: "DejaVuSans",
  bold: "DejaVuSans-Bold",
  oblique: "DejaVuSans-Oblique",
  mono: "DejaVuSansMono",
} as const;

export type FontName = (typeof FONT)[keyof typeof FONT];

const DEJAVU_FILES: Record<FontName, string> = {
  [FONT.regular]: "DejaVuSans.ttf",
  [FONT.bold]: "DejaVuSans-Bold.ttf",
  [FONT.oblique]: "DejaVuSans-Oblique.ttf",
  [FONT.mono]: "DejaVuSansMono.ttf",
};

export interface Face {
  /** the name the face is registered under in a document */
  readonly key: string;
  readonly font: Font;
  readonly bytes: Uint8Array;
  /** one of the four DejaVu faces, rather than a script's */
  readonly base: boolean;
}

const require = createRequire(import.meta.url);

/** a dependency's folder, found the way Node finds any dependency */
function packageFolder(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function openFont(bytes: Uint8Array, file: string): Font {
  const font = create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!("hasGlyphForCodePoint" in font)) throw new Error(`pdf fonts: ${file} is a font collection, not a font`);
  return font;
}

const dejavu = new Map<FontName, Face>();

/** where a DejaVu face is: in the dejavu-fonts-ttf package */
export function dejavuFile(name: FontName): string {
  return join(packageFolder("dejavu-fonts-ttf"), "ttf", DEJAVU_FILES[name]);
}

export function dejavuFace(name: FontName): Face {
  let face = dejavu.get(name);
  if (!face) {
    const file = dejavuFile(name);
    const bytes = readFileSync(file);
    face = { key: name, font: openFont(bytes, file), bytes, base: true };
    dejavu.set(name, face);
  }
  return face;
}

type Ranges = [number, number][];

/** one file of a family: the code points it is for, in the regular and the bold weight */
interface Slice {
  ranges: Ranges;
  regular: string;
  bold: string;
}

interface Family {
  name: string;
  slices: Slice[];
}

/** a css unicode-range, "U+0600-06FF,U+200C", as inclusive ranges ("?" stands for any hex digit) */
export function parseUnicodeRange(text: string): Ranges {
  return text
    .split(",")
    .map((part) => part.trim().replace(/^U\+/i, ""))
    .filter((part) => part !== "")
    .map((part) => {
      const [low = "", high = low] = part.split("-");
      const from = Number.parseInt(low.replace(/\?/g, "0"), 16);
      const to = Number.parseInt((part.includes("-") ? high : low).replace(/\?/g, "f"), 16);
      return [from, to];
    });
}

function inRanges(ranges: Ranges, codePoint: number): boolean {
  return ranges.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** a @fontsource package: unicode.json names the subsets, files/ holds `{id}-{subset}-{weight}-normal.woff` */
function fontsource(name: string, pkg: string, id: string): Family {
  const folder = packageFolder(pkg);
  const subsets = JSON.parse(readFileSync(join(folder, "unicode.json"), "utf8")) as Record<string, string>;
  const file = (subset: string, weight: number) => join(folder, "files", `${id}-${subset.replace(/[[\]]/g, "")}-${weight}-normal.woff`);
  return {
    name,
    slices: Object.entries(subsets).map(([subset, range]) => ({ ranges: parseUnicodeRange(range), regular: file(subset, 400), bold: file(subset, 700) })),
  };
}

/** the @font-face rules of a css file: each file with its unicode-range */
function cssFaces(folder: string): { file: string; range: string }[] {
  const css = readFileSync(join(folder, "css.css"), "utf8");
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].flatMap((rule) => {
    const body = rule[1] ?? "";
    const url = /src:\s*url\(\s*['"]?([^'")]+)['"]?\s*\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    return url && range ? [{ file: join(folder, url), range: range.trim() }] : [];
  });
}

/** the noto-sans-sc package: a folder per weight, each with its css and WOFF2 slices */
function notoSansSc(): Family {
  const folder = packageFolder("noto-sans-sc");
  const bold = new Map(cssFaces(join(folder, "noto_sans_sc_bold")).map(({ file, range }) => [range, file]));
  return {
    name: "Noto Sans SC",
    slices: cssFaces(join(folder, "noto_sans_sc_regular")).map(({ file, range }) => ({ ranges: parseUnicodeRange(range), regular: file, bold: bold.get(range) ?? file })),
  };
}

let families: { sc: Family; hangul: Family; devanagari: Family; arabic: Family } | undefined;

function scriptFamilies(): NonNullable<typeof families> {
  families ??= {
    sc: notoSansSc(),
    hangul: fontsource("Nanum Gothic", "@fontsource/nanum-gothic", "nanum-gothic"),
    devanagari: fontsource("Noto Sans Devanagari", "@fontsource/noto-sans-devanagari", "noto-sans-devanagari"),
    arabic: fontsource("Noto Sans Arabic", "@fontsource/noto-sans-arabic", "noto-sans-arabic"),
  };
  return families;
}

/** the order script faces are tried in for a character no DejaVu face has */
function fallbackOrder(): Family[] {
  const { sc, hangul, devanagari, arabic } = scriptFamilies();
  return [sc, hangul, devanagari, arabic];
}

/**
 * Arabic letters always take Noto Sans Arabic, although DejaVu Sans has
 * some: DejaVu's oblique has none, and a word split between two fonts
 * loses its joining.
 */
const ARABIC = /\p{Script=Arabic}/u;

const WOFF2_MAGIC = 0x774f4632; // "wOF2"

const fileBytes = new Map<string, Uint8Array>();
const faces = new Map<string, Face>();
/** which face draws a character in a style; emptied whenever prepareFonts decodes a new file */
const chosen = new Map<string, Face>();

function isWoff2(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0) === WOFF2_MAGIC;
}

function rawBytes(file: string): Uint8Array {
  let bytes = fileBytes.get(file);
  if (!bytes) {
    bytes = readFileSync(file);
    fileBytes.set(file, bytes);
  }
  return bytes;
}

/** the face in `file`; undefined for a WOFF2 file prepareFonts has not decoded */
function fileFace(file: string): Face | undefined {
  let face = faces.get(file);
  if (face) return face;
  const bytes = rawBytes(file);
  if (isWoff2(bytes)) return undefined;
  face = { key: basename(file).replace(/\.[^.]+$/, ""), font: openFont(bytes, file), bytes, base: false };
  faces.set(file, face);
  return face;
}

function familyFace(family: Family, codePoint: number, bold: boolean): Face | undefined {
  for (const slice of family.slices) {
    if (!inRanges(slice.ranges, codePoint)) continue;
    const face = fileFace(bold ? slice.bold : slice.regular);
    if (face?.font.hasGlyphForCodePoint(codePoint)) return face;
  }
  return undefined;
}

/** the face that draws `codePoint` in `style`: a script face first for Arabic, then DejaVu, then the script faces in turn */
export function faceFor(style: FontName, codePoint: number): Face {
  const key = `${style}:${codePoint}`;
  let face = chosen.get(key);
  if (face) return face;
  face = pickFace(style, codePoint);
  chosen.set(key, face);
  return face;
}

function pickFace(style: FontName, codePoint: number): Face {
  const bold = style === FONT.bold;
  const base = dejavuFace(style);
  if (ARABIC.test(String.fromCodePoint(codePoint))) {
    const arabic = familyFace(scriptFamilies().arabic, codePoint, bold);
    if (arabic) return arabic;
  }
  if (base.font.hasGlyphForCodePoint(codePoint)) return base;
  // the mono and oblique faces have fewer signs than the regular one, which reads better than a script face's
  const regular = dejavuFace(FONT.regular);
  if (regular.font.hasGlyphForCodePoint(codePoint)) return regular;
  for (const family of fallbackOrder()) {
    const face = familyFace(family, codePoint, bold);
    if (face) return face;
  }
  // nothing has it (an emoji): layoutText draws a stand-in instead (pdf-text.ts STAND_IN)
  return base;
}

let decoding: Promise<unknown> = Promise.resolve();
/** a file being decoded, so that two documents rendered at once decode it once */
const decodes = new Map<string, Promise<void>>();

/**
 * A WOFF2 file as a TrueType font. The decoder's result is a view of its
 * WebAssembly memory, which its next call reuses: so calls wait for each
 * other (two documents may be rendered at once) and each result is copied.
 */
function decodeWoff2(file: string): Promise<Buffer> {
  const decoded = decoding.then(async () => {
    // loaded on first need: its WebAssembly is only for reports with Chinese or Japanese text
    const { default: decompress } = await import("wawoff2/decompress.js");
    return Buffer.from(await decompress(rawBytes(file)));
  });
  decoding = decoded.catch(() => undefined);
  return decoded;
}

/**
 * Decodes the WOFF2 slices that the characters of `sample` need, so that
 * drawing (which is synchronous) finds them. Call it with every text a
 * document will draw; a character it missed is drawn as a stand-in (pdf-text.ts).
 */
export async function prepareFonts(sample: string): Promise<void> {
  const base = Object.values(FONT).map(dejavuFace);
  const needed = new Set<string>();
  for (const character of new Set(sample)) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint < 0x80) continue;
    if (!ARABIC.test(character) && base.every((face) => face.font.hasGlyphForCodePoint(codePoint))) continue;
    for (const family of fallbackOrder()) {
      for (const slice of family.slices) {
        if (!inRanges(slice.ranges, codePoint)) continue;
        for (const file of [slice.regular, slice.bold]) if (!faces.has(file) && isWoff2(rawBytes(file))) needed.add(file);
      }
    }
  }
  if (needed.size === 0) return;
  for (const file of [...needed].sort()) {
    let pending = decodes.get(file);
    if (!pending) {
      pending = decodeWoff2(file).then((bytes) => {
        faces.set(file, { key: basename(file).replace(/\.[^.]+$/, ""), font: openFont(bytes, file), bytes, base: false });
      });
      decodes.set(file, pending);
    }
    await pending;
  }
  chosen.clear();
}

const registered = new WeakMap<Doc, Set<string>>();

/** the face's name in `doc`, registering it there on first use */
export function useFace(doc: Doc, face: Face): string {
  let names = registered.get(doc);
  if (!names) {
    names = new Set();
    registered.set(doc, names);
  }
  if (!names.has(face.key)) {
    doc.registerFont(face.key, Buffer.from(face.bytes.buffer, face.bytes.byteOffset, face.bytes.byteLength));
    names.add(face.key);
  }
  return face.key;
}
