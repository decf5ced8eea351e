import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column of a {@link FiguresTable}: numbers align right. */
export interface FiguresColumn<T> {
    header: string;
    cell: (row: T) => ReactNode;
    numeric?: boolean;
}

/** A small read-only table of figures, scrolling sideways on narrow screens. */
export function FiguresTable<T>({
    rows,
    columns,
    rowKey,
}: {
    rows: readonly T[];
    columns: readonly FiguresColumn<T>[];
    rowKey: (row: T) => string | number;
}) {
    return (
        <Table.ScrollContainer minWidth={420}>
            <Table striped highlightOnHover verticalSpacing={6}>
                <Table.Thead>
                    <Table.Tr>
                        {columns.map((column) => (
                            <Table.Th key={column.header} ta={column.numeric ? 'right' : undefined}>
                                {column.header}
                            </Table.Th>
                        ))}
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {rows.map((row) => (
                        <Table.Tr key={rowKey(row)}>
                            {columns.map((column) => (
                                <Table.Td key={column.header} ta={column.numeric ? 'right' : undefined}>
                                    {column.cell(row)}
                                </Table.Td>
                            ))}
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </Table>
        </Table.ScrollContainer>
    );
}
