// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { CommandError } from "./transport";

// state.svelte.ts reads the page's address when it loads.
vi.stubGlobal("location", { hash: "" });
const { Action } = await import("./action.svelte");
const { explain } = await import("./state.svelte");

/** A promise the test settles by hand, to look at the action while it runs. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Action", () => {
  it("is busy, with what it is doing, only while the work runs", async () => {
    const action = new Action<"connect" | "demo">();
    const answer = deferred<string>();
    let got: string | null = null;
    const run = action.run(async () => {
      got = await answer.promise;
    }, "demo");
    expect(action.busy).toBe(true);
    expect(action.doing).toBe("demo");
    answer.resolve("status");
    expect(await run).toBe(true);
    expect(got).toBe("status");
    expect(action.busy).toBe(false);
    expect(action.doing).toBeNull();
    expect(action.error).toBeNull();
  });

  it("explains a failure, and the next run clears it", async () => {
    const action = new Action();
    const refused = new CommandError({ kind: "forbidden", message: "not yours" });
    expect(await action.run(() => Promise.reject(refused))).toBe(false);
    expect(action.error).toBe(explain(refused));
    expect(action.busy).toBe(false);

    const answer = deferred<undefined>();
    const run = action.run(() => answer.promise);
    expect(action.error).toBeNull();
    answer.resolve(undefined);
    expect(await run).toBe(true);
    expect(action.error).toBeNull();
  });

  it("explains an error thrown before the work's first await", async () => {
    const action = new Action();
    const ok = await action.run(() => {
      throw new Error("broken");
    });
    expect(ok).toBe(false);
    expect(action.error).toBe("Error: broken");
    expect(action.busy).toBe(false);
  });
});

describe("explain", () => {
  it("tells how many minutes to wait in the member's language", () => {
    const limited = new CommandError({
      kind: "rate_limited",
      message: "too many failed sign-ins: try again in 7 minute(s)",
    });
    expect(explain(limited)).toBe("Đăng nhập sai quá nhiều lần: hãy thử lại sau 7 phút.");
    const unsaid = new CommandError({ kind: "rate_limited", message: "too many" });
    expect(explain(unsaid)).toBe("Đăng nhập sai quá nhiều lần: hãy thử lại sau ít phút.");
  });
});
