// The app-wide state every screen reads: how the app is set up, who uses it, their settings, the
// sync status, and the current route. Screens load their own data through the commands.

import * as api from "./bindings";
import type { AppStatus, Language, SyncView } from "./bindings";
import { CommandError, onAppEvent } from "./transport";
import { errors, translate, type Key } from "./i18n";
import { parseRoute, type Route } from "./routes";

export const app = $state<{
  status: AppStatus | null;
  sync: SyncView | null;
  /** Bumped when sync brings new data: screens reload. */
  dataVersion: number;
  loadError: string | null;
  /** The store waits for its passphrase (`store_locked`), or for one to be chosen. */
  unlock: "store_locked" | "passphrase_needed" | null;
  /** The language chosen before the store could be read (its settings live in the store). */
  chosenLanguage: Language | null;
}>({ status: null, sync: null, dataVersion: 0, loadError: null, unlock: null, chosenLanguage: null });

export function language(): Language {
  return app.status?.settings.language ?? app.chosenLanguage ?? "vi";
}

/** The current language's text for `key`. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  return translate(language(), key, params);
}

/** An error as the member reads it: translated by kind when the UI knows it. */
export function explain(e: unknown): string {
  if (!(e instanceof CommandError)) return String(e);
  const text = errors[language()][e.kind];
  if (text === undefined) return e.message;
  // The server says how long to wait in its English words ("try again in 7 minute(s)"): the
  // number goes into the member's language.
  const minutes = /(\d+) minute/.exec(e.message)?.[1];
  return text.replace("{minutes}", minutes ?? (language() === "vi" ? "ít" : "a few"));
}

export async function refreshStatus(): Promise<void> {
  try {
    app.status = await api.app_status({});
    app.loadError = null;
    app.unlock = null;
  } catch (e) {
    if (e instanceof CommandError && (e.kind === "store_locked" || e.kind === "passphrase_needed")) {
      app.unlock = e.kind;
      return;
    }
    app.loadError = explain(e);
  }
}

export async function refreshSync(): Promise<void> {
  try {
    app.sync = await api.sync_status({});
  } catch (e) {
    // A store found damaged after the start (the check runs beside the first screen) takes the
    // whole window: nothing else can be trusted. Other errors: the status bar keeps its last
    // state; the Sync screen shows them itself.
    if (e instanceof CommandError && e.kind === "store_damaged") app.loadError = explain(e);
  }
}

/** Starts listening to the app's own events; returns the function that stops. */
export function listenToApp(): () => void {
  return onAppEvent(
    (event) => {
      if (event.type === "sync") {
        app.sync = event.status;
        // A sync that stopped may have locked the device, or erased it (signed out): the
        // window then shows its lock or first-run screen.
        if (event.status.state === "stopped") void refreshStatus();
      } else {
        app.dataVersion += 1;
        // The start's check of the store also ends in this event when it finds damage.
        void refreshSync();
        void refreshStatus();
      }
    },
    async () => {
      // In a browser nothing pushes events: a new sync round means screens may be stale.
      const before = app.sync?.last_sync;
      const state = app.sync?.state;
      await refreshSync();
      if (app.sync?.last_sync !== before && before !== undefined) app.dataVersion += 1;
      if (app.sync?.state === "stopped" && state !== "stopped") await refreshStatus();
    },
  );
}

export const router = $state<{ route: Route }>({ route: parseRoute(location.hash) });

export function followHash(): () => void {
  const update = () => {
    router.route = parseRoute(location.hash);
  };
  window.addEventListener("hashchange", update);
  return () => window.removeEventListener("hashchange", update);
}
