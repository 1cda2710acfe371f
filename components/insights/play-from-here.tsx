"use client";

import { useRef } from "react";
import { formatTimestamp } from "@/lib/format";

type Props = {
  url: string;
  start: number | null;
  /** Whose take it plays, said to screen readers where several players share a page (a story's full coverage). */
  whose?: string;
};

/**
 * The episode's audio, with a button that plays it from the quoted moment. The media fragment (#t=)
 * already starts the player there; the button does it in one press, also after the reader has moved
 * the player elsewhere.
 */
export function PlayFromHere({ url, start, whose }: Props) {
  const audio = useRef<HTMLAudioElement>(null);
  const play = () => {
    const player = audio.current;
    if (!player) return;
    if (start !== null) player.currentTime = start;
    void player.play();
  };
  return (
    <div className="mt-6" data-testid="listen" data-start={start ?? undefined}>
      <button type="button" onClick={play} className="button-primary inline-flex items-center gap-2 px-4 py-2 text-sm">
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M6 4.5v11l9-5.5z" />
        </svg>
        {start === null ? "Play the episode" : `Play from ${formatTimestamp(start)}`}
        {whose ? <span className="sr-only"> ({whose})</span> : null}
      </button>
      <audio ref={audio} controls preload="none" src={start === null ? url : `${url}#t=${start}`} className="mt-3 w-full">
        <a href={url}>Download the episode</a>
      </audio>
    </div>
  );
}
