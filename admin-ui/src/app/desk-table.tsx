import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways when the window is narrower than `minWidth`
 * (a tablet held upright). The scrolling region is named and focusable, so
 * it can be scrolled from the keyboard.
 */
export function ScrollTable({
    label,
    minWidth,
    children,
}: {
    label: string;
    minWidth: number;
    children: ReactNode;
}) {
    return (
        <Table.ScrollContainer
            minWidth={minWidth}
            type="native"
            tabIndex={0}
            role="region"
            aria-label={label}
        >
            <Table striped highlightOnHover verticalSpacing="xs" aria-label={label}>
                {children}
            </Table>
        </Table.ScrollContainer>
    );
}
