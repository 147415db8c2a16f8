/** Joins class names; the caller's class comes last so it wins on equal specificity. */
export function cn(...classes: (string | false | null | undefined)[]): string | undefined {
  const joined = classes.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}
