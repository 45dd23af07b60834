// What a person starts with a button, run the same way on every screen.

import { explain } from "./state.svelte";

/**
 * A command the person starts (save, publish, sync now): `busy` while it runs, so the screen
 * disables its buttons, and `error`, the last failure explained in the person's language, until
 * the next run. `doing` says which of several works is running when the screen names it on its
 * button (the invite being made, "Connecting…").
 */
export class Action<Doing = string> {
  busy = $state(false);
  error: string | null = $state(null);
  doing: Doing | null = $state(null);

  /** Runs `work`; true when it went through, false when it failed (its error explained). */
  async run(work: () => Promise<unknown>, doing: Doing | null = null): Promise<boolean> {
    this.busy = true;
    this.doing = doing;
    this.error = null;
    try {
      await work();
      return true;
    } catch (e) {
      this.error = explain(e);
      return false;
    } finally {
      this.busy = false;
      this.doing = null;
    }
  }
}
