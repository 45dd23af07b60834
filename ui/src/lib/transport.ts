// How commands reach Rust. In the desktop window: Tauri's IPC (`invoke`). In a browser (the
// development bridge, `sotay ui-bridge`): `POST /api/<command>` on the page's own origin. Both end
// in the same `sotay_app` command; the UI never talks to a sync server or a database itself.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { ERROR_KINDS, setTransport, type AppError, type AppEvent, type ErrorKind } from "./bindings";

/** A command's failure, carrying the `{kind, message}` the Rust side sent. */
export class CommandError extends Error {
  readonly kind: ErrorKind;
  constructor(error: AppError) {
    super(error.message);
    this.kind = error.kind;
  }
}

function isErrorKind(kind: unknown): kind is ErrorKind {
  return (ERROR_KINDS as unknown[]).includes(kind);
}

/**
 * The app's `{kind, message}`. Anything else (no answer, another server's page, a kind this UI
 * does not know) is `unreachable`: the app did not answer as the app does.
 */
function asAppError(value: unknown): AppError {
  if (typeof value === "object" && value !== null && "kind" in value && "message" in value) {
    const { kind, message } = value as { kind: unknown; message: unknown };
    if (typeof message === "string") return { kind: isErrorKind(kind) ? kind : "unreachable", message };
  }
  return { kind: "unreachable", message: String(value) };
}

/** Whether this page runs inside the desktop window. */
export function inDesktop(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

export async function call<T>(command: string, args: object): Promise<T> {
  if (inDesktop()) {
    try {
      return await invoke<T>(command, { args });
    } catch (e) {
      throw new CommandError(asAppError(e));
    }
  }
  let response: Response;
  try {
    response = await fetch(`/api/${command}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(args),
    });
  } catch (e) {
    throw new CommandError({ kind: "unreachable", message: String(e) });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new CommandError(asAppError(body));
  return body as T;
}

// The generated command wrappers (bindings.ts) send through this; they import nothing themselves.
setTransport(call);

/**
 * Calls `handler` with what the app reports unasked (sync progress, pulled data). The desktop
 * shell pushes events; in a browser the bridge is polled, which is enough for tests.
 * Returns the function that stops listening.
 */
export function onAppEvent(handler: (event: AppEvent) => void, poll: () => Promise<void>): () => void {
  if (inDesktop()) {
    const stop = listen<AppEvent>("sotay://event", (e) => handler(e.payload));
    return () => {
      void stop.then((unlisten) => unlisten());
    };
  }
  const timer = setInterval(() => void poll(), 3000);
  return () => clearInterval(timer);
}
