import { NngradeError } from "../../errors.ts";

/** A data file that cannot be read as the data set it should hold; the message starts with the file. */
export class DataFileError extends NngradeError {
  /** the problem without the file name */
  readonly detail: string;

  constructor(file: string, detail: string, options: { cause?: unknown } = {}) {
    super("data-file", `${file}: ${detail}`, { file, cause: options.cause });
    this.detail = detail;
  }
}
