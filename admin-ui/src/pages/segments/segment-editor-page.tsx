import { Anchor } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useSegment, useSegmentFields } from '../../api/segments';
import { useSession } from '../../api/session';
import { Loaded, PageHeader } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { SegmentEditor } from './segment-editor';

/** The roles that may change segments (the API's editor roles); an analyst reads. */
const EDITORS = new Set(['admin', 'marketer']);

/**
 * A custom segment's editor (`segments/new`, `segments/:id`): a rule of
 * conditions over what Refill knows, its live count and sample, save and
 * archive. An analyst sees the rule and can change nothing.
 */
export default function SegmentEditorPage() {
    const t = useT();
    const param = useParams().id;
    const id = param && /^\d+$/.test(param) ? Number(param) : null;
    const role = useSession().data?.user.role;
    const canEdit = role !== undefined && EDITORS.has(role);
    const fields = useSegmentFields();
    const segment = useSegment(id);
    const title = id === null ? t('segments.new') : (segment.data?.name ?? t('segments.title'));
    return (
        <>
            <Anchor component={Link} to="/segments" size="sm">
                {t('segments.back')}
            </Anchor>
            <PageHeader title={title} />
            <Loaded query={fields}>
                {() =>
                    id === null ? (
                        <SegmentEditor segment={null} fields={fields.data?.fields ?? []} canEdit={canEdit} />
                    ) : (
                        <Loaded query={segment}>
                            {() =>
                                segment.data && (
                                    <SegmentEditor
                                        key={segment.data.id}
                                        segment={segment.data}
                                        fields={fields.data?.fields ?? []}
                                        canEdit={canEdit}
                                    />
                                )
                            }
                        </Loaded>
                    )
                }
            </Loaded>
        </>
    );
}
