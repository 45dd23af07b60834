// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { flushSync } from "svelte";
import { CommandError } from "./transport";

// state.svelte.ts reads the page's address when it loads.
vi.stubGlobal("location", { hash: "" });
const { Loaded } = await import("./loaded.svelte");
const { app } = await import("./state.svelte");

/** A promise the test settles by hand, to make answers arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Runs `body` the way a component would, and stops the loader's effect afterwards. */
async function inComponent(body: () => Promise<void>) {
  let run: Promise<void> | undefined;
  const stop = $effect.root(() => {
    run = body();
  });
  try {
    // Svelte's server build never runs effects: a test that ran nothing must not pass.
    expect(run, "the test ran inside an effect root").toBeDefined();
    await run;
  } finally {
    stop();
  }
}

describe("Loaded", () => {
  it("keeps the answer to the newest request when an older one arrives late", async () => {
    await inComponent(async () => {
      const month = $state({ n: 1 });
      const asked: { n: number; answer: ReturnType<typeof deferred<string>> }[] = [];
      const loaded = new Loaded(() => {
        const answer = deferred<string>();
        asked.push({ n: month.n, answer });
        return answer.promise;
      });
      flushSync();
      month.n = 2;
      flushSync();
      expect(asked.map((a) => a.n)).toEqual([1, 2]);
      expect(loaded.loading).toBe(true);

      asked[1]?.answer.resolve("month 2");
      await Promise.resolve();
      asked[0]?.answer.resolve("month 1");
      await new Promise((r) => setTimeout(r, 0));
      expect(loaded.value).toBe("month 2");
      expect(loaded.loading).toBe(false);
    });
  });

  it("reloads when sync brings new data, and a good answer clears the last error", async () => {
    await inComponent(async () => {
      const answers = [deferred<number>(), deferred<number>()];
      let calls = 0;
      const loaded = new Loaded(() => answers[calls++]?.promise ?? Promise.reject(new Error("unexpected")));
      flushSync();
      answers[0]?.reject(new CommandError({ kind: "not_found", message: "no such meeting" }));
      await new Promise((r) => setTimeout(r, 0));
      expect(loaded.error).not.toBeNull();
      expect(loaded.value).toBeNull();

      app.dataVersion += 1;
      flushSync();
      expect(calls).toBe(2);
      answers[1]?.resolve(42);
      await new Promise((r) => setTimeout(r, 0));
      expect(loaded.value).toBe(42);
      expect(loaded.error).toBeNull();
    });
  });

  it("an action's answer wins over a load still on its way", async () => {
    await inComponent(async () => {
      const answer = deferred<string>();
      const loaded = new Loaded(() => answer.promise);
      flushSync();
      loaded.set("after my contribution");
      answer.resolve("before it");
      await new Promise((r) => setTimeout(r, 0));
      expect(loaded.value).toBe("after my contribution");
    });
  });
});
