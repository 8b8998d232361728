/** Small checks on generated markup, independent of the code that builds it. */

const VOID_ELEMENTS = new Set(["meta", "link", "br", "hr", "img", "input", "wbr", "col", "area", "base", "source", "track", "embed", "param"]);

/** Every start tag has its end tag in the right order; returns the unclosed or mismatched names. */
export function tagBalanceProblems(markup: string, { html = false } = {}): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = markup.replace(/<!DOCTYPE[^>]*>/i, "").replace(/<!--[\s\S]*?-->/g, "");
  for (const match of body.matchAll(/<(\/?)([A-Za-z][\w-]*)\b[^<>]*?(\/?)>/g)) {
    const [, closing, rawName = "", selfClosing] = match;
    const name = rawName.toLowerCase();
    if (selfClosing || (html && VOID_ELEMENTS.has(name) && !closing)) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`unexpected </${name}>`);
  }
  return [...problems, ...stack.map((name) => `unclosed <${name}>`)];
}

/** Text between tags must not hold a raw < or > (it would have come from unescaped data). */
export function strayAngleBrackets(markup: string): string[] {
  const withoutStyle = markup.replace(/<style>[\s\S]*?<\/style>/, "");
  const text = withoutStyle.replace(/<!DOCTYPE[^>]*>/i, "").replace(/<\/?[A-Za-z][\w-]*\b[^<>]*>/g, "");
  return [...text.matchAll(/[<>]/g)].map((m) => text.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + 20));
}

/** The start tags of a document, for checks on attributes. */
export function startTags(markup: string): string[] {
  return [...markup.matchAll(/<[A-Za-z][\w-]*\b[^<>]*>/g)].map((m) => m[0]);
}

export function attributeValues(markup: string, name: string): string[] {
  return startTags(markup).flatMap((tag) => [...tag.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => m[1] ?? ""));
}
