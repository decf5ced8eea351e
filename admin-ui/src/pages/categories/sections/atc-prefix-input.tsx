import { Group, TagsInput, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { type AtcSuggestion, useAtcSuggestions } from '../../../api/categories';
import { useT } from '../../../i18n/locale-provider';

/** Props of {@link AtcPrefixInput}. */
interface AtcPrefixInputProps {
    value: string[];
    onChange(value: string[]): void;
    error?: string;
    disabled?: boolean;
}

/** One suggestion's words: the prefix, then its products and 12-month buyers. */
function SuggestionOption({ suggestion }: { suggestion: AtcSuggestion }) {
    const t = useT();
    return (
        <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
            <Text ff="monospace" size="sm" fw={600}>
                {suggestion.prefix}
            </Text>{' '}
            <Text size="xs" c="dimmed">
                {t('categories.atc.counts', { products: suggestion.products, buyers: suggestion.buyers })}
            </Text>
        </Group>
    );
}

/**
 * The category's ATC prefixes, picked from the catalogue's codes as the
 * marketer types (debounced): each suggestion shows how many products and
 * how many buyers of the last 12 months it matches. A prefix the catalogue
 * does not have yet can still be typed and added with Enter.
 */
export function AtcPrefixInput({ value, onChange, error, disabled }: AtcPrefixInputProps) {
    const t = useT();
    const [search, setSearch] = useState('');
    const [typed] = useDebouncedValue(search, 250);
    const suggestions = useAtcSuggestions(typed);
    const byPrefix = useMemo(
        () => new Map((suggestions.data ?? []).map((s) => [s.prefix, s])),
        [suggestions.data],
    );
    const data = useMemo(
        () =>
            typed.trim()
                ? [...byPrefix.keys()].filter(
                      (p) => p.startsWith(typed.trim().toUpperCase()) && !value.includes(p),
                  )
                : [],
        [byPrefix, typed, value],
    );
    return (
        <TagsInput
            label={t('categories.field.atcPrefixes')}
            description={t('categories.field.atcPrefixesHint')}
            placeholder={disabled ? undefined : t('categories.field.atcPrefixesPlaceholder')}
            value={value}
            onChange={(next) =>
                onChange([...new Set(next.map((p) => p.trim().toUpperCase()).filter(Boolean))])
            }
            searchValue={search}
            onSearchChange={(text) => setSearch(text.toUpperCase())}
            data={data}
            filter={({ options }) => options}
            renderOption={({ option }) => {
                const suggestion = byPrefix.get(option.value);
                return suggestion ? <SuggestionOption suggestion={suggestion} /> : option.value;
            }}
            acceptValueOnBlur={false}
            splitChars={[',', ' ']}
            maxDropdownHeight={320}
            comboboxProps={{ withinPortal: true }}
            error={error}
            disabled={disabled}
        />
    );
}
