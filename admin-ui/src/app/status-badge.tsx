import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a status says: all right, for information, take care, bad, nothing special, or a mark. */
export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'neutral' | 'mark';

/** Background and text of each tone, every pair at 4.5:1 or better (checked with axe). */
const TONES: Record<Tone, { bg: string; fg: string }> = {
    ok: { bg: 'teal.9', fg: 'white' },
    info: { bg: 'blue.9', fg: 'white' },
    warn: { bg: 'yellow.4', fg: 'black' },
    bad: { bg: 'red.9', fg: 'white' },
    neutral: { bg: 'gray.7', fg: 'white' },
    mark: { bg: 'grape.9', fg: 'white' },
};

/** A small status label in a {@link Tone}, readable by contrast (WCAG AA). */
export function StatusBadge({
    tone,
    children,
    ...props
}: { tone: Tone; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant' | 'children'>) {
    return (
        <Badge variant="filled" color={TONES[tone].bg} c={TONES[tone].fg} {...props}>
            {children}
        </Badge>
    );
}
