import { mount } from "svelte";
// First: the command wrappers send through the transport it registers.
import "./lib/transport";
import App from "./App.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app");
mount(App, { target });
