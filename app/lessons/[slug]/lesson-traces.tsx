'use client';
// Mounts a live ladder diagram into each trace placeholder of the rendered lesson. The
// lesson HTML is server-rendered; the engine runs here, in the browser.
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Profile } from '@/lib/engine';

// The engine and the diagram load after the lesson text, not with it: first-load JavaScript
// stays small, and the diagrams are drawn in the browser anyway.
const TraceEmbed = dynamic(() => import('../../_components/ladder').then((m) => m.TraceEmbed), {
  ssr: false,
});

type Slot = {
  element: HTMLElement;
  scenario: string;
  seed: number;
  profile: Profile;
  compare: boolean;
};

function readSlots(): Slot[] {
  const elements = document.querySelectorAll<HTMLElement>(
    '[data-testid="lesson-body"] .trace-embed',
  );
  return [...elements].flatMap((element) => {
    const { scenario, seed, profile, compare } = element.dataset;
    if (!scenario || seed === undefined) return [];
    return [
      {
        element,
        scenario,
        seed: Number(seed),
        profile: profile === 'rfc' ? 'rfc' : 'linux',
        compare: compare === 'true',
      },
    ];
  });
}

export function LessonTraces() {
  const [slots, setSlots] = useState<Slot[]>([]);
  useEffect(() => {
    // The placeholders are server-rendered DOM, readable only after mount; this is the
    // one-time sync from that external DOM into state the rule allows for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSlots(readSlots());
  }, []);
  return (
    <>
      {slots.map((slot, index) =>
        createPortal(
          <div className="not-prose my-4" data-testid="lesson-trace">
            <TraceEmbed
              scenario={slot.scenario}
              seed={slot.seed}
              profile={slot.profile}
              compare={slot.compare}
              predict={index === 0}
            />
          </div>,
          slot.element,
          `${slot.scenario}-${slot.seed}-${index}`,
        ),
      )}
    </>
  );
}
