import { Text } from '@mantine/core';
import { useParams } from 'react-router';
import { useTemplate } from '../../api/templates';
import { Loaded, PageHeader } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { TemplateWorkspace } from './editor/template-workspace';
import { isOneOf, TEMPLATE_CHANNELS, TEMPLATE_KINDS, TEMPLATE_LOCALES } from './template-words';

/**
 * The editor of one template (`templates/:kind/:channel/:locale`): its
 * CodeMirror code (and the editor's, loaded with this page only), preview,
 * variables, segment counter and history. An analyst reads it, read-only.
 */
export default function TemplateEditorPage() {
    const t = useT();
    const { kind, channel, locale } = useParams();
    if (!isOneOf(TEMPLATE_KINDS, kind) || !isOneOf(TEMPLATE_CHANNELS, channel) || !isOneOf(TEMPLATE_LOCALES, locale))
        return (
            <>
                <PageHeader title={t('templates.title')} />
                <Text>{t('templates.unknown')}</Text>
            </>
        );
    return <Editor templateKey={{ kind, channel, locale }} />;
}

function Editor({
    templateKey,
}: {
    templateKey: {
        kind: (typeof TEMPLATE_KINDS)[number];
        channel: (typeof TEMPLATE_CHANNELS)[number];
        locale: (typeof TEMPLATE_LOCALES)[number];
    };
}) {
    const template = useTemplate(templateKey);
    return (
        <Loaded query={template}>
            {() => (
                <TemplateWorkspace
                    key={`${templateKey.kind}/${templateKey.channel}/${templateKey.locale}`}
                    template={template.data!}
                />
            )}
        </Loaded>
    );
}
