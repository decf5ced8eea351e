import { Stack, Text } from '@mantine/core';
import { useLifecycleOverview } from '../../api/lifecycle';
import { useSession } from '../../api/session';
import { Loaded, PageHeader } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { FlowsSection } from './sections/flows-section';
import { SegmentsNowSection } from './sections/segments-now-section';
import { SizesSection } from './sections/sizes-section';
import { ThresholdsSection } from './sections/thresholds-section';

/** The roles that may change the thresholds (the API's editor roles). */
const EDITORS = new Set(['admin', 'marketer']);

/**
 * The lifecycle dashboard (`lifecycle`): each segment now with its rule in
 * words, the sizes over time, a month's moves between segments and the
 * thresholds (editors change them; the next daily run applies them).
 */
export default function LifecyclePage() {
    const t = useT();
    const role = useSession().data?.user.role;
    const overview = useLifecycleOverview();
    return (
        <>
            <PageHeader title={t('lifecycle.title')} />
            <Text size="sm" c="dimmed" mb="md">
                {t('lifecycle.intro')}
            </Text>
            <Loaded query={overview}>
                {() =>
                    overview.data && (
                        <Stack gap="lg">
                            <SegmentsNowSection overview={overview.data} />
                            <SizesSection today={overview.data.day} />
                            <FlowsSection today={overview.data.day} />
                            <ThresholdsSection canEdit={role !== undefined && EDITORS.has(role)} />
                        </Stack>
                    )
                }
            </Loaded>
        </>
    );
}
