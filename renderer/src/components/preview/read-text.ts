/** The start of a text file through its preview link: one Range request, decoded as UTF-8. */

/** Text previews read at most this much (a larger file says it is cut short). */
export const TEXT_LIMIT = 256 * 1024;

export interface TextStart {
  text: string;
  truncated: boolean;
}

export async function readTextStart(url: string, size: number, signal: AbortSignal): Promise<TextStart> {
  const wanted = Math.min(size, TEXT_LIMIT);
  // An empty file has no byte range to ask for (the server would answer 416).
  const headers: HeadersInit = wanted > 0 ? { Range: `bytes=0-${wanted - 1}` } : {};
  const response = await fetch(url, { headers, signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer()).subarray(0, TEXT_LIMIT);
  // stream: a character cut at the limit is left out rather than shown as "�".
  const text = new TextDecoder('utf-8').decode(bytes, { stream: size > TEXT_LIMIT });
  return { text, truncated: size > TEXT_LIMIT };
}
