// The reader's choice of sequence numbering in diagrams (relative or absolute), kept in this
// browser's localStorage so lessons and the simulator open in the numbering last chosen.
import { useCallback, useSyncExternalStore } from 'react';
import type { Numbering } from '@/lib/trace-export';

export const NUMBERING_STORAGE_KEY = 'ackademy.numbering';

export function parseNumbering(value: string | null | undefined): Numbering {
  return value === 'absolute' ? 'absolute' : 'relative';
}

const listeners = new Set<() => void>();

function read(): Numbering {
  try {
    return parseNumbering(window.localStorage.getItem(NUMBERING_STORAGE_KEY));
  } catch {
    // Storage blocked (a privacy setting): the default, and the toggle still works per view.
    return 'relative';
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab's choice applies here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === NUMBERING_STORAGE_KEY) onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * The stored numbering and a setter that stores a new one. The server (and the first render
 * in the browser) uses relative numbering, tcpdump's default, so hydration matches.
 */
export function useNumberingPreference(): [Numbering, (numbering: Numbering) => void] {
  const numbering = useSyncExternalStore(subscribe, read, () => 'relative' as const);
  const choose = useCallback((next: Numbering) => {
    try {
      window.localStorage.setItem(NUMBERING_STORAGE_KEY, next);
    } catch {
      // Not stored; the view that asked still switches (see LadderPlayer).
    }
    for (const listener of listeners) listener();
  }, []);
  return [numbering, choose];
}
