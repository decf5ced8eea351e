import { Code, Text } from '@mantine/core';
import { type Translate, useT } from '../../i18n/locale-provider';

const isPlain = (value: unknown) => typeof value === 'string' || typeof value === 'number';

/** A detail value in one line: text and numbers as they are, yes or no, lists joined, else compact JSON. */
function show(value: unknown, t: Translate): string {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (isPlain(value)) return String(value);
    if (Array.isArray(value) && value.every(isPlain)) return value.join(', ');
    return JSON.stringify(value);
}

/** Whether a value is shown as JSON (an object, or a list with objects in it). */
function isStructured(value: unknown): boolean {
    if (Array.isArray(value)) return !value.every(isPlain);
    return typeof value === 'object' && value !== null;
}

/** An audit entry's details as a list of "key: value" lines (a dimmed note when there are none). */
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
                        {isStructured(value) ? <Code>{show(value, t)}</Code> : show(value, t)}
                    </Text>
                </div>
            ))}
        </dl>
    );
}
