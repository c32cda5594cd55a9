/** Quotes a word for a POSIX shell when it holds anything beyond letters, digits and . _ : - (e.g. a search named "sigma>0"). */
export function shellWord(w: string): string {
  return /^[\w.:-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
