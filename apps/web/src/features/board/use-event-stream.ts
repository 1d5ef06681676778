import { useEffect, useState } from 'react';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'missing';

/**
 * The latest `event` of a server-sent event stream. EventSource reconnects by itself after a dropped
 * connection (the server asks for 2 s); when it gives up (a refused or failed response), this opens a
 * new one after a pause, so a board left on for days comes back after a restart of the server.
 */
export function useEventStream<T>(url: string | null, event: string): { data: T | null; state: StreamState } {
  const [data, setData] = useState<T | null>(null);
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    if (!url) return;
    setData(null);
    setState('connecting');
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let received = false;
    let stopped = false;
    const open = () => {
      source = new EventSource(url);
      source.addEventListener(event, (e) => {
        received = true;
        setState('live');
        setData(JSON.parse((e as MessageEvent<string>).data) as T);
      });
      source.onopen = () => setState((s) => (s === 'missing' ? s : received ? 'live' : 'connecting'));
      source.onerror = () => {
        if (stopped) return;
        if (source?.readyState === EventSource.CLOSED) {
          // Given up: a refused request (unknown hall or ticket) or a server that is down.
          setState(received ? 'reconnecting' : 'missing');
          source.close();
          retry = setTimeout(open, received ? 3_000 : 10_000);
        } else {
          setState('reconnecting');
        }
      };
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [url, event]);

  return { data, state };
}
