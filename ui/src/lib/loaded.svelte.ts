// A screen's data from one command, kept fresh the same way on every screen.

import { app, explain } from "./state.svelte";

/**
 * What `fetch` answers, loaded when the screen opens and again whenever the state `fetch` reads
 * (before its first `await`) changes or sync brings new data (`app.dataVersion`).
 *
 * Answers can arrive out of order (a member clicking through months, typing a search): only the
 * answer to the newest request counts, so a late, older answer never replaces a newer one. A
 * successful answer clears the last load error.
 *
 * Construct it while a component initialises (it owns an `$effect`).
 */
export class Loaded<T> {
  value: T | null = $state(null);
  error: string | null = $state(null);
  /** A request is on its way whose answer will replace `value`. */
  loading = $state(true);
  #ticket = 0;

  constructor(fetch: () => Promise<T>) {
    $effect(() => {
      void app.dataVersion;
      const ticket = ++this.#ticket;
      this.loading = true;
      fetch().then(
        (value) => {
          if (ticket === this.#ticket) this.#settle(value);
        },
        (e: unknown) => {
          if (ticket !== this.#ticket) return;
          this.error = explain(e);
          this.loading = false;
        },
      );
    });
  }

  /** An action's answer, newer than any load still on its way: it replaces the data. */
  set(value: T): void {
    this.#ticket++;
    this.#settle(value);
  }

  #settle(value: T): void {
    this.value = value;
    this.error = null;
    this.loading = false;
  }
}
