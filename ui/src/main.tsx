// Entry point: asks who is at the desk, then mounts the app into the page Tauri loads, so the
// first paint is the sign-in (or first-run) screen rather than "Loading…" (access/primeSession.ts).
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createQueryClient } from "./api/queryClient";
import { primeSession } from "./access/primeSession";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  const client = createQueryClient();
  void primeSession(client).then(() => {
    createRoot(root).render(
      <StrictMode>
        <App client={client} />
      </StrictMode>,
    );
  });
}
