/** A value that follows another a moment after it stops changing (typed text sent to the server). */
import { useEffect, useState } from 'react';

/** How long typing must pause before what was typed is asked of the server. */
export const TYPING_PAUSE_MS = 250;

export function useDebounced<T>(value: T, ms = TYPING_PAUSE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
