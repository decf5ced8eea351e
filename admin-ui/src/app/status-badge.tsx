import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a status says: all right, for information, take care, bad, nothing special, or a mark. */
export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'neutral' | 'mark';

/** Shade 9 filled, text black or white by contrast: every tone reads at 4.5:1 or better. */
const TONE_COLORS: Record<Tone, string> = {
    ok: 'green.9',
    info: 'blue.9',
    warn: 'yellow.9',
    bad: 'red.9',
    neutral: 'gray.6',
    mark: 'grape.9',
};

/** A small status label in a {@link Tone}, readable by contrast (WCAG AA). */
export function StatusBadge({
    tone,
    children,
    ...props
}: { tone: Tone; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant' | 'children'>) {
    return (
        <Badge variant="filled" autoContrast color={TONE_COLORS[tone]} {...props}>
            {children}
        </Badge>
    );
}
