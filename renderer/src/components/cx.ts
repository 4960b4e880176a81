/** Joins the class names that apply (CSS Module classes and base classes alike); falsy ones drop out. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
