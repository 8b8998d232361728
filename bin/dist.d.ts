/** sha256 over the compiled sources (src/ and reference/ *.ts), path and content, in code-unit order */
export function sourceHash(root: string): string;
/** dist/'s entry point when dist/stamp.json records exactly these sources, else undefined */
export function freshDist(root: string): string | undefined;
