import { Chip, Group, Input } from '@mantine/core';
import { useMemo } from 'react';
import { useLocale } from '../../../i18n/locale-provider';

/** Props of {@link SeasonalMonthsInput}. */
interface SeasonalMonthsInputProps {
    label: string;
    description: string;
    /** Months `'1'`…`'12'`. */
    value: string[];
    onChange(value: string[]): void;
    error?: string;
    disabled?: boolean;
}

/** The twelve months' names in the UI language (the browser's calendar words). */
function useMonthNames(): string[] {
    const { locale } = useLocale();
    return useMemo(() => {
        const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
        return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2026, i, 15))));
    }, [locale]);
}

/** The months a category is out of season (no lapse reminders then): twelve toggles in a labelled group. */
export function SeasonalMonthsInput(props: SeasonalMonthsInputProps) {
    const months = useMonthNames();
    return (
        <Input.Wrapper
            label={props.label}
            description={props.description}
            error={props.error}
            labelElement="div"
            id="category-seasonal-months"
        >
            <Chip.Group multiple value={props.value} onChange={props.onChange}>
                <Group gap="xs" mt={6} role="group" aria-labelledby="category-seasonal-months-label">
                    {months.map((name, i) => (
                        <Chip key={name} value={String(i + 1)} size="sm" disabled={props.disabled}>
                            {name}
                        </Chip>
                    ))}
                </Group>
            </Chip.Group>
        </Input.Wrapper>
    );
}
