'use client';
// Mounts a live ladder diagram into each trace placeholder of the rendered lesson. The
// lesson HTML is server-rendered; the engine runs here, in the browser, for each diagram as
// it comes near the screen: a long lesson does not simulate and draw all its diagrams while
// the reader is still on its first paragraphs (on a phone that held up the page for seconds).
import dynamic from 'next/dynamic';
import { useEffect, useState, type ReactNode } from 'react';
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

/** How far below (or above) the screen a diagram starts to load. */
const AHEAD = '600px 0px';

/** Renders `children` once `element` has come within AHEAD of the screen, and from then on. */
function WhenNear({ element, children }: { element: HTMLElement; children: ReactNode }) {
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, near]);
  return near ? children : null;
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
            <WhenNear element={slot.element}>
              <TraceEmbed
                scenario={slot.scenario}
                seed={slot.seed}
                profile={slot.profile}
                compare={slot.compare}
                predict={index === 0}
              />
            </WhenNear>
          </div>,
          slot.element,
          `${slot.scenario}-${slot.seed}-${index}`,
        ),
      )}
    </>
  );
}
