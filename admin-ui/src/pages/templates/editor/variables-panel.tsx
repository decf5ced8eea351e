import { Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { type TemplateKey, type TemplateVariable, useTemplateVariables } from '../../../api/templates';
import { Loaded } from '../../../app/list-parts';
import { type Translate, useT } from '../../../i18n/locale-provider';
import { isMessageId } from '../../../i18n/messages';

/** A variable's description in the UI's language (the server's English words when there is no message). */
function describe(variable: TemplateVariable, t: Translate): string {
    const id = `templates.variable.${variable.name}`;
    return isMessageId(id) ? t(id) : variable.description;
}

function VariableText({ variable }: { variable: TemplateVariable }) {
    const t = useT();
    return (
        <>
            <Text size="sm" ff="monospace" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {variable.insert}
            </Text>
            <Text size="xs">{describe(variable, t)}</Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('templates.variables.example', { value: variable.example || '—' })}
            </Text>
        </>
    );
}

/**
 * The variables the kind's template receives, with what each is and its
 * sample as a template prints it; for an editor each is a button that
 * inserts it at the cursor.
 */
export function VariablesPanel({
    templateKey,
    onInsert,
}: {
    templateKey: TemplateKey;
    /** Inserts at the cursor; absent when the editor is read-only. */
    onInsert?: (text: string) => void;
}) {
    const t = useT();
    const variables = useTemplateVariables(templateKey.kind, templateKey.locale);
    return (
        <section aria-labelledby="template-variables">
            <Title order={2} size="h4" id="template-variables" mb={4}>
                {t('templates.variables.title')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
                {onInsert ? t('templates.variables.hint') : t('templates.variables.readOnlyHint')}
            </Text>
            <Loaded query={variables}>
                {() => (
                    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                        {(variables.data ?? []).map((v) => (
                            <li key={v.name}>
                                {onInsert ? (
                                    <UnstyledButton
                                        onClick={() => onInsert(v.insert)}
                                        aria-label={t('templates.variables.insert', { name: v.insert })}
                                        p={6}
                                        w="100%"
                                        style={{ border: '1px solid #ced4da', borderRadius: 4 }}
                                    >
                                        <VariableText variable={v} />
                                    </UnstyledButton>
                                ) : (
                                    <div style={{ padding: 6, border: '1px solid #dee2e6', borderRadius: 4 }}>
                                        <VariableText variable={v} />
                                    </div>
                                )}
                            </li>
                        ))}
                    </Stack>
                )}
            </Loaded>
        </section>
    );
}
