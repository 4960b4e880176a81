/** Icons for the transfers panel (same 16px stroke style as Icons.tsx). */
import type { ReactNode } from 'react';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.4,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export const PauseIcon = () => (
  <Svg>
    <path d="M5.5 3.5v9M10.5 3.5v9" {...stroke} />
  </Svg>
);
export const PlayIcon = () => (
  <Svg>
    <path d="M5 3.2v9.6L12.5 8z" {...stroke} />
  </Svg>
);
export const RetryIcon = () => (
  <Svg>
    <path d="M3 8a5 5 0 1 0 1.5-3.6" {...stroke} />
    <path d="M3 2.5v3h3" {...stroke} />
  </Svg>
);
export const CancelIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="5.5" {...stroke} />
    <path d="M6 6l4 4M10 6l-4 4" {...stroke} />
  </Svg>
);
export const ChevronDownIcon = () => (
  <Svg>
    <path d="M3.5 6 8 10.5 12.5 6" {...stroke} />
  </Svg>
);
