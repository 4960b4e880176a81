/** Non-secret UI preferences (theme, last account id). Never credentials. */
export const localPrefs = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null; // storage disabled: preferences simply do not persist
    }
  },
  set(key: string, value: string): void {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      /* see get() */
    }
  },
};
