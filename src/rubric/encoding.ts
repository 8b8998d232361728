/**
 * A submission file's bytes as the text the student saved. Not every editor
 * or shell writes UTF-8: PowerShell's `>` and Out-File write UTF-16 with a
 * byte order mark, some Windows tools UTF-16 without one, and a Latin-1
 * editor writes é as the single byte 0xE9. UTF-16 is decoded (its text is
 * exactly what the student wrote); what cannot be read as meant is refused
 * with the byte where it goes wrong, rather than read with U+FFFD in place of
 * a digit and graded as a wrong answer.
 */
import { SubmissionParseError } from "../errors.ts";

type ByteOrder = "le" | "be";

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// UTF-32's marks start with UTF-16's, so they are looked for first
const UTF32_LE_BOM = [0xff, 0xfe, 0x00, 0x00];
const UTF32_BE_BOM = [0x00, 0x00, 0xfe, 0xff];
const UTF16_LE_BOM = [0xff, 0xfe];
const UTF16_BE_BOM = [0xfe, 0xff];

/** enough of a file to tell UTF-16 from UTF-8 by where its zero bytes fall */
const SNIFF_BYTES = 4096;

/** Throws SubmissionParseError for bytes that are not text in an encoding read here. */
export function decodeSubmissionBytes(bytes: Uint8Array, file: string): string {
  if (startsWith(bytes, UTF32_LE_BOM) || startsWith(bytes, UTF32_BE_BOM)) {
    throw new SubmissionParseError(file, "saved as UTF-32: save it as UTF-8");
  }
  if (startsWith(bytes, UTF8_BOM)) return decodeUtf8(bytes, UTF8_BOM.length, file);
  if (startsWith(bytes, UTF16_LE_BOM)) return decodeUtf16(bytes, UTF16_LE_BOM.length, "le", file);
  if (startsWith(bytes, UTF16_BE_BOM)) return decodeUtf16(bytes, UTF16_BE_BOM.length, "be", file);
  if (looksLikeUtf32(bytes)) throw new SubmissionParseError(file, "saved as UTF-32: save it as UTF-8");
  const order = sniffUtf16(bytes);
  if (order !== undefined) return decodeUtf16(bytes, 0, order, file);
  return decodeUtf8(bytes, 0, file);
}

function decodeUtf8(bytes: Uint8Array, start: number, file: string): string {
  const body = bytes.subarray(start);
  const nul = body.indexOf(0);
  // valid UTF-8, but no text editor writes it: a binary file, or half of one
  if (nul >= 0) throw located(file, bytes, start + nul, `NUL character at byte ${start + nul}: not a text file`);
  try {
    // ignoreBOM: the mark was taken off above, and a second one is the text's own
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    if (bad < 0) throw new SubmissionParseError(file, "not UTF-8 text: save it as UTF-8");
    const at = start + bad;
    throw located(file, bytes, at, `not UTF-8 text at byte ${at} (0x${hex(bytes[at] as number)}): save it as UTF-8`);
  }
}

function decodeUtf16(bytes: Uint8Array, start: number, order: ByteOrder, file: string): string {
  const body = bytes.subarray(start);
  if (body.length % 2 !== 0) throw new SubmissionParseError(file, "saved as UTF-16 but cut off mid-character: save it as UTF-8");
  let text: string;
  try {
    text = new TextDecoder(order === "le" ? "utf-16le" : "utf-16be", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const unit = firstLoneSurrogate(body, order);
    const where = unit < 0 ? "" : ` at byte ${start + 2 * unit}`;
    throw new SubmissionParseError(file, `saved as UTF-16 with a broken character${where}: save it as UTF-8`);
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) throw new SubmissionParseError(file, `NUL character at byte ${start + 2 * nul}: not a text file`);
  return text;
}

/** with the line of byte `at`, for an editor to go to: an offset alone is hard to find */
function located(file: string, bytes: Uint8Array, at: number, detail: string): SubmissionParseError {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
  return new SubmissionParseError(file, detail, { line });
}

/**
 * UTF-16 without a byte order mark: JSON is mostly ASCII, whose characters
 * are a zero byte and a non-zero one, so in little-endian text nearly every
 * odd byte is zero and almost no even one (a CJK character such as U+4E00
 * has a zero low byte; UTF-8 text has no zero bytes at all).
 */
function sniffUtf16(bytes: Uint8Array): ByteOrder | undefined {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (length === 0) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = length / 2;
  const mostly = (count: number) => count * 2 >= pairs;
  const rarely = (count: number) => count * 20 <= pairs;
  if (bytes[1] === 0 && bytes[0] !== 0 && mostly(zeroOdd) && rarely(zeroEven)) return "le";
  if (bytes[0] === 0 && bytes[1] !== 0 && mostly(zeroEven) && rarely(zeroOdd)) return "be";
  return undefined;
}

/** an ASCII first character as UTF-32 without a mark: three zero bytes beside one that is not */
function looksLikeUtf32(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes.length % 4 !== 0) return false;
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  return (a !== 0 && b === 0 && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0 && d !== 0);
}

/**
 * Where a strict UTF-8 decoder first fails (Unicode's well-formed byte
 * sequences, table 3-7: no overlong forms, no surrogates, nothing past
 * U+10FFFF); -1 when nowhere. Only run once decoding has failed.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let continuation: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) continuation = 1;
    else if (lead === 0xe0) [continuation, low] = [2, 0xa0];
    else if (lead === 0xed) [continuation, high] = [2, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) continuation = 2;
    else if (lead === 0xf0) [continuation, low] = [3, 0x90];
    else if (lead >= 0xf1 && lead <= 0xf3) continuation = 3;
    else if (lead === 0xf4) [continuation, high] = [3, 0x8f];
    else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= continuation; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += continuation + 1;
  }
  return -1;
}

/** the index of the first code unit that is half a surrogate pair; -1 when none */
function firstLoneSurrogate(bytes: Uint8Array, order: ByteOrder): number {
  const units = bytes.length / 2;
  const unitAt = (k: number) =>
    order === "le" ? (bytes[2 * k] as number) | ((bytes[2 * k + 1] as number) << 8) : ((bytes[2 * k] as number) << 8) | (bytes[2 * k + 1] as number);
  for (let k = 0; k < units; k++) {
    const unit = unitAt(k);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = k + 1 < units ? unitAt(k + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) k++;
      else return k;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return k;
  }
  return -1;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}
