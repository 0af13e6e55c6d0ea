// Vite builds the UI into ui/dist, which the Tauri binary embeds. React's JSX is compiled by
// esbuild directly: the desk needs no fast-refresh plugin in its build.
import { defineConfig } from "vitest/config";

export default defineConfig({
  clearScreen: false,
  base: "./",
  esbuild: { jsx: "automatic" },
  server: { port: 5173, strictPort: true, host: "127.0.0.1" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    sourcemap: false,
    rollupOptions: {
      // TanStack Query marks its modules "use client" for server-component bundlers; a desktop
      // webview has no server side, so the notice is noise that would hide real warnings.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // Far from the practice's zones, so a test that passes only because the machine happens to
    // share the location's clock fails here instead of at a clinic in another state.
    env: { TZ: "Europe/Berlin" },
  },
});
