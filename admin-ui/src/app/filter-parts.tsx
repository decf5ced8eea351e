import { Button, Group, Text, TextInput } from '@mantine/core';

/** A from–to pair of day inputs, each bounded by the other (days in the chain's timezone). */
export function DayRangeFilter({
    from,
    to,
    fromLabel,
    toLabel,
    onChange,
}: {
    from: string;
    to: string;
    fromLabel: string;
    toLabel: string;
    onChange: (change: { from?: string; to?: string }) => void;
}) {
    return (
        <>
            <TextInput
                type="date"
                label={fromLabel}
                value={from}
                max={to || undefined}
                onChange={(event) => onChange({ from: event.currentTarget.value })}
            />
            <TextInput
                type="date"
                label={toLabel}
                value={to}
                min={from || undefined}
                onChange={(event) => onChange({ to: event.currentTarget.value })}
            />
        </>
    );
}

/**
 * The line under a filter bar: a note (which timezone its days are in), and a
 * button that clears every filter, shown only while one is set.
 */
export function FilterFooter({
    note,
    filtered,
    onClear,
    clearLabel,
}: {
    note: string;
    filtered: boolean;
    onClear: () => void;
    clearLabel: string;
}) {
    return (
        <Group justify="space-between" mb="md">
            <Text size="xs" c="dimmed">
                {note}
            </Text>
            {filtered && (
                <Button variant="subtle" size="compact-sm" onClick={onClear}>
                    {clearLabel}
                </Button>
            )}
        </Group>
    );
}
