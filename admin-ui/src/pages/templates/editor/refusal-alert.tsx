import { Alert, Code, Text } from '@mantine/core';
import { type Translate, useT } from '../../../i18n/locale-provider';
import { isMessageId } from '../../../i18n/messages';
import type { Refusal } from '../template-source';

/** The refusal's reason in the UI's language (by its rule), else the server's words. */
export function refusalReason(refusal: Refusal, t: Translate): string {
    const id = `templates.rule.${refusal.rule ?? ''}`;
    return isMessageId(id) ? t(id) : refusal.message;
}

/** Where the refusal is: `Line 2, column 8`, `Line 2`, or nothing. */
export function refusalPlace(refusal: Refusal, t: Translate): string | null {
    if (refusal.line === null) return null;
    return refusal.column !== null
        ? t('templates.refused.lineColumn', { line: refusal.line, column: refusal.column })
        : t('templates.refused.line', { line: refusal.line });
}

/** Why the server refuses the text as it is now, where, and Handlebars' own words. */
export function RefusalAlert({ refusal }: { refusal: Refusal }) {
    const t = useT();
    const place = refusalPlace(refusal, t);
    return (
        <Alert color="red" variant="light" role="alert" title={t('templates.refused.title')}>
            <Text size="sm">
                {place ? `${place}: ` : ''}
                {refusalReason(refusal, t)}
            </Text>
            <Code block mt={6} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {refusal.message}
            </Code>
        </Alert>
    );
}
