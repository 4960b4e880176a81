/** Icons for the upload buttons and the incomplete-uploads tool (same 16px stroke style as Icons.tsx). */
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

export const UploadIcon = () => (
  <Svg>
    <path d="M8 11V2.5M4.5 6 8 2.5 11.5 6M2.5 13.5h11" {...stroke} />
  </Svg>
);

export const UploadFolderIcon = () => (
  <Svg>
    <path
      d="M1.5 4.2c0-.7.5-1.2 1.2-1.2h3.2l1.5 1.5h5.9c.7 0 1.2.5 1.2 1.2v6.6c0 .7-.5 1.2-1.2 1.2H2.7c-.7 0-1.2-.5-1.2-1.2z"
      {...stroke}
    />
    <path d="M8 11V7M6.3 8.7 8 7l1.7 1.7" {...stroke} />
  </Svg>
);

/** Pieces of a file: an upload left in parts on the server. */
export const PartsIcon = () => (
  <Svg>
    <path d="M2.5 3.5h4v4h-4zM9.5 3.5h4v4h-4zM2.5 10h4v3h-4z" {...stroke} />
    <path d="M9.5 11.5h4" {...stroke} strokeDasharray="1.5 1.5" />
  </Svg>
);
