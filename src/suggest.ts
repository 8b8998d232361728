/**
 * The known word a typo most likely meant ("hw4-hyperparamters" for
 * hw4-hyperparameters, "frmat" for --format): within a few edits (a quarter
 * of the word's length, at least 2), the nearest; undefined when none is
 * that near. Levenshtein distance, one row at a time: the words are short.
 */
export function closestWord(typed: string, words: readonly string[]): string | undefined {
  if (typed.length > 200) return undefined;
  let best: { word: string; distance: number } | undefined;
  for (const word of words) {
    const distance = editDistance(typed.toLowerCase(), word.toLowerCase());
    if (distance > Math.max(2, Math.floor(word.length / 4))) continue;
    if (best === undefined || distance < best.distance) best = { word, distance };
  }
  return best?.word;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
