/** Inline SVG icons (no icon font, nothing fetched): 16px, stroke follows currentColor. */
import type { ReactNode } from 'react';

function Svg({ children, className }: { children: ReactNode; className?: string | undefined }) {
  return (
    <svg
      className={className ?? 'icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
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

export const FolderIcon = ({ className }: { className?: string }) => (
  <Svg className={className ?? 'icon icon-folder'}>
    <path
      d="M1.5 4.2c0-.7.5-1.2 1.2-1.2h3.2l1.5 1.5h5.9c.7 0 1.2.5 1.2 1.2v6.6c0 .7-.5 1.2-1.2 1.2H2.7c-.7 0-1.2-.5-1.2-1.2z"
      fill="currentColor"
    />
  </Svg>
);
export const FileIcon = ({ className }: { className?: string }) => (
  <Svg className={className ?? 'icon icon-file'}>
    <path d="M4 1.5h5l3.5 3.5v9H4z" {...stroke} />
    <path d="M9 1.5V5h3.5" {...stroke} />
  </Svg>
);
export const BucketIcon = () => (
  <Svg>
    <path d="M2.5 4h11l-1.3 9.2c-.1.5-.5.8-1 .8H4.8c-.5 0-.9-.3-1-.8z" {...stroke} />
    <path d="M2 4c0-1.1 2.7-2 6-2s6 .9 6 2" {...stroke} />
  </Svg>
);
export const CloudIcon = () => (
  <Svg>
    <path d="M4.5 12.5h7.2a2.8 2.8 0 0 0 .3-5.6A4 4 0 0 0 4.3 6a3.2 3.2 0 0 0 .2 6.5z" {...stroke} />
  </Svg>
);
export const SandboxIcon = () => (
  <Svg>
    <path d="M8 1.8 14 5v6L8 14.2 2 11V5z" {...stroke} />
    <path d="M2 5l6 3.2L14 5M8 8.2v6" {...stroke} />
  </Svg>
);
export const PlusIcon = () => (
  <Svg>
    <path d="M8 3v10M3 8h10" {...stroke} />
  </Svg>
);
export const RefreshIcon = () => (
  <Svg>
    <path d="M13 8a5 5 0 1 1-1.5-3.6" {...stroke} />
    <path d="M13 2.5v3h-3" {...stroke} />
  </Svg>
);
export const UpIcon = () => (
  <Svg>
    <path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" {...stroke} />
  </Svg>
);
export const TrashIcon = () => (
  <Svg>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" {...stroke} />
  </Svg>
);
export const PencilIcon = () => (
  <Svg>
    <path d="M10.5 2.5l3 3L6 13H3v-3z" {...stroke} />
  </Svg>
);
export const CopyIcon = () => (
  <Svg>
    <rect x="5" y="5" width="8.5" height="8.5" rx="1.2" {...stroke} />
    <path d="M3 10.5V3.7c0-.4.3-.7.7-.7h6.8" {...stroke} />
  </Svg>
);
export const MoveIcon = () => (
  <Svg>
    <path d="M2 8h10M8.5 4.5 12 8l-3.5 3.5" {...stroke} />
    <path d="M14 3v10" {...stroke} />
  </Svg>
);
export const DownloadIcon = () => (
  <Svg>
    <path d="M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11" {...stroke} />
  </Svg>
);
export const NewFolderIcon = () => (
  <Svg>
    <path
      d="M1.5 4.2c0-.7.5-1.2 1.2-1.2h3.2l1.5 1.5h5.9c.7 0 1.2.5 1.2 1.2v6.6c0 .7-.5 1.2-1.2 1.2H2.7c-.7 0-1.2-.5-1.2-1.2z"
      {...stroke}
    />
    <path d="M8 7v4M6 9h4" {...stroke} />
  </Svg>
);
export const SearchIcon = () => (
  <Svg>
    <circle cx="7" cy="7" r="4.2" {...stroke} />
    <path d="M10.2 10.2 14 14" {...stroke} />
  </Svg>
);
export const FilterIcon = () => (
  <Svg>
    <path d="M2 3h12L9.5 8.5V13l-3-1.5v-3z" {...stroke} />
  </Svg>
);
export const StopIcon = () => (
  <Svg>
    <rect x="4" y="4" width="8" height="8" rx="1" fill="currentColor" />
  </Svg>
);
export const GearIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="2.2" {...stroke} />
    <path
      d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"
      {...stroke}
    />
  </Svg>
);
export const CloseIcon = () => (
  <Svg>
    <path d="M4 4l8 8M12 4l-8 8" {...stroke} />
  </Svg>
);
export const WarningIcon = () => (
  <Svg>
    <path d="M8 2 14.5 13.5h-13z" {...stroke} />
    <path d="M8 6.5v3.2M8 11.6v.1" {...stroke} />
  </Svg>
);
export const ChevronIcon = () => (
  <Svg className="icon icon-chevron">
    <path d="M6 3.5 10.5 8 6 12.5" {...stroke} />
  </Svg>
);
export const CheckIcon = () => (
  <Svg>
    <path d="M3 8.5 6.5 12 13 4.5" {...stroke} />
  </Svg>
);

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

/** Three linked dots: share a link. */
export const ShareIcon = () => (
  <Svg>
    <circle cx="4" cy="8" r="1.8" {...stroke} />
    <circle cx="12" cy="4" r="1.8" {...stroke} />
    <circle cx="12" cy="12" r="1.8" {...stroke} />
    <path d="M5.6 7.2 10.4 4.8M5.6 8.8l4.8 2.4" {...stroke} />
  </Svg>
);

/** Sliders: a bucket's properties. */
export const SlidersIcon = () => (
  <Svg>
    <path d="M2.5 4.5h11M2.5 11.5h11" {...stroke} />
    <circle cx="6" cy="4.5" r="1.6" fill="currentColor" />
    <circle cx="10.5" cy="11.5" r="1.6" fill="currentColor" />
  </Svg>
);

/** Two arrows turning into each other: a folder kept in step with a bucket. */
export const SyncIcon = () => (
  <Svg>
    <path d="M13 6.5A5 5 0 0 0 4 4.2L2.8 5.5M2.8 2.5v3h3" {...stroke} />
    <path d="M3 9.5a5 5 0 0 0 9 2.3l1.2-1.3M13.2 13.5v-3h-3" {...stroke} />
  </Svg>
);
