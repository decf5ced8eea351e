import { Code, Text } from '@mantine/core';
import { useT } from '../../i18n/locale-provider';

/** A detail value in one line: text and numbers as they are, anything else as compact JSON. */
function show(value: unknown): string {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return JSON.stringify(value);
}

/** An audit entry's details as a list of "key: value" lines (nothing when there are none). */
export function AuditDetails({ details }: { details: Record<string, unknown> | null }) {
    const t = useT();
    const entries = Object.entries(details ?? {});
    if (entries.length === 0)
        return (
            <Text span size="sm" c="dimmed">
                {t('audit.noDetails')}
            </Text>
        );
    return (
        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 8, rowGap: 2 }}>
            {entries.map(([key, value]) => (
                <div key={key} style={{ display: 'contents' }}>
                    <Text component="dt" size="xs" c="dimmed">
                        {key}
                    </Text>
                    <Text component="dd" size="sm" m={0} style={{ wordBreak: 'break-word' }}>
                        {typeof value === 'object' && value !== null ? (
                            <Code>{show(value)}</Code>
                        ) : (
                            show(value)
                        )}
                    </Text>
                </div>
            ))}
        </dl>
    );
}
