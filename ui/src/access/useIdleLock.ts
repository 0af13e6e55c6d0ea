// Automatic logoff, on the window's side: any key, click or pointer move counts as the person
// being there and (at most every few seconds) restarts the backend's idle clock; a window left
// untouched for the admin's limit locks itself. The backend keeps its own clock too, so a frozen
// or hostile page cannot keep the desk open.
import { useEffect, useRef } from "react";
import { touchSession } from "../api/backend";

const ACTIVITY = ["keydown", "mousedown", "pointermove", "wheel", "touchstart"] as const;

export function useIdleLock(idleLockSecs: number, onIdle: () => void): void {
  const lastActivity = useRef(0);
  const lastTouch = useRef(0);
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    const limitMs = idleLockSecs * 1000;
    // Often enough that the backend never locks an attended desk, rarely enough to be free.
    const touchEveryMs = Math.min(20_000, limitMs / 4);
    lastActivity.current = Date.now();
    const onActivity = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastTouch.current >= touchEveryMs) {
        lastTouch.current = now;
        void touchSession().catch(() => undefined);
      }
    };
    for (const name of ACTIVITY) window.addEventListener(name, onActivity, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= limitMs) onIdleRef.current();
    }, 1000);
    return () => {
      for (const name of ACTIVITY) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleLockSecs]);
}
