/** wawoff2 ships no types: only the decompressor, which src/report/pdf-fonts.ts uses. */
declare module "wawoff2/decompress.js" {
  /** a WOFF2 file as the TrueType/OpenType font it packs */
  function decompress(woff2: Uint8Array): Promise<Uint8Array>;
  export = decompress;
}
