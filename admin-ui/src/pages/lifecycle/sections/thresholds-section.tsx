import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { CSSProperties } from 'react';
import { isApiError } from '../../../api/api-error';
import {
    THRESHOLD_FIELDS,
    type LifecycleThresholdsView,
    useLifecycleThresholds,
    useSaveLifecycleThresholds,
} from '../../../api/lifecycle';
import { errorMessage } from '../../../app/error-state';
import { Loaded } from '../../../app/list-parts';
import { useT } from '../../../i18n/locale-provider';
import {
    THRESHOLD_HINTS,
    THRESHOLD_LABELS,
    thresholdErrors,
    thresholdsBody,
    type ThresholdValues,
} from '../thresholds-form';
import { LifecycleSection } from './lifecycle-section';

/** A bare fieldset (it disables every control for a reader) with field errors in red 9 (WCAG AA). */
const FIELDSET_STYLE = {
    border: 0,
    padding: 0,
    margin: 0,
    minWidth: 0,
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-disabled-color': 'var(--mantine-color-black)',
} as CSSProperties;

/** The thresholds' form: four whole-day fields, each with its meaning and default. */
function ThresholdsForm({ view, canEdit }: { view: LifecycleThresholdsView; canEdit: boolean }) {
    const t = useT();
    const save = useSaveLifecycleThresholds();
    const form = useForm<ThresholdValues>({ initialValues: { ...view.thresholds } });
    const submit = form.onSubmit((values) => {
        save.mutate(thresholdsBody(values), {
            onSuccess: (saved) => {
                form.setValues({ ...saved.thresholds });
                form.resetDirty({ ...saved.thresholds });
                notifications.show({ color: 'teal', message: t('lifecycle.thresholds.saved') });
            },
            onError: (error) => form.setErrors(thresholdErrors(error, values, t)),
        });
    });
    const fieldProblem = isApiError(save.error, 'REFILL_VALIDATION');
    return (
        <form onSubmit={submit} noValidate aria-label={t('lifecycle.thresholds.title')}>
            <fieldset disabled={!canEdit} style={FIELDSET_STYLE}>
                <Stack gap="md">
                    {save.isError && (
                        <Alert color="red" role="alert">
                            {fieldProblem
                                ? t('lifecycle.thresholds.error.fields')
                                : errorMessage(save.error, t)}
                        </Alert>
                    )}
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                        {THRESHOLD_FIELDS.map((name) => (
                            <NumberInput
                                key={name}
                                label={t(THRESHOLD_LABELS[name])}
                                description={t(THRESHOLD_HINTS[name], { days: view.defaults[name] })}
                                suffix={` ${t('lifecycle.thresholds.daysUnit')}`}
                                allowDecimal={false}
                                allowNegative={false}
                                min={1}
                                {...form.getInputProps(name)}
                            />
                        ))}
                    </SimpleGrid>
                    <Text size="sm" c="dimmed">
                        {t('lifecycle.thresholds.applies')}
                    </Text>
                    {canEdit && (
                        <Group justify="flex-end">
                            <Button
                                variant="default"
                                onClick={() => form.setValues({ ...view.defaults })}
                                disabled={!view.customised && !form.isDirty()}
                            >
                                {t('lifecycle.thresholds.defaults')}
                            </Button>
                            <Button type="submit" loading={save.isPending}>
                                {t('lifecycle.thresholds.save')}
                            </Button>
                        </Group>
                    )}
                </Stack>
            </fieldset>
        </form>
    );
}

/** The thresholds that define the segments; editors change them, others read. */
export function ThresholdsSection({ canEdit }: { canEdit: boolean }) {
    const t = useT();
    const thresholds = useLifecycleThresholds();
    return (
        <LifecycleSection title={t('lifecycle.thresholds.title')}>
            <Loaded query={thresholds}>
                {() => thresholds.data && <ThresholdsForm view={thresholds.data} canEdit={canEdit} />}
            </Loaded>
        </LifecycleSection>
    );
}
