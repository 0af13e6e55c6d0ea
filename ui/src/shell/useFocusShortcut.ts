// Ctrl+K (Cmd+K on macOS) from anywhere in the window puts the caret in the given field: the
// receptionist's reflex when a caller says their name.
import { useEffect } from "react";
import type { RefObject } from "react";

// The user agent, not the deprecated navigator.platform: WebKit on macOS says "Macintosh" there.
export function isMac(): boolean {
  return /Mac|iPhone|iPad/i.test(navigator.userAgent);
}

export function shortcutLabel(): string {
  return isMac() ? "⌘K" : "Ctrl+K";
}

export function useFocusShortcut(target: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "k" || event.altKey || event.shiftKey) return;
      // Both modifiers are accepted everywhere: Cmd on a Mac, Ctrl on a Mac keyboard's Linux box.
      if (!event.ctrlKey && !event.metaKey) return;
      const input = target.current;
      if (!input) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [target]);
}
