/** linebreak ships no types: only what src/report/pdf-text.ts uses. */
declare module "linebreak" {
  interface Break {
    /** the UTF-16 index the break comes before */
    position: number;
    /** a forced break (a newline) rather than an opportunity */
    required: boolean;
  }
  class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
  export = LineBreaker;
}
