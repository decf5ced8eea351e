import { Button, Group, Text } from '@mantine/core';
import { STEP_TYPES, type ChainStepCount, type StepType } from '../../../api/chain-types';
import { useT } from '../../../i18n/locale-provider';
import { FormSection } from '../../campaigns/editor/form-section';
import { word } from '../chain-words';
import { newStep } from './chain-form';
import type { ChainForm } from './chain-sections';
import { StepCard } from './step-card';

/**
 * The steps as a vertical list, in walking order: each step's inputs and
 * live count, moved up or down or removed; new steps go to the end. A
 * structural change clears the API's errors (their paths name positions).
 */
export function StepsSection({ form, counts }: { form: ChainForm; counts: ChainStepCount[] | undefined }) {
    const t = useT();
    const steps = form.values.steps;
    const add = (type: StepType) => {
        form.clearErrors();
        form.insertListItem(
            'steps',
            newStep(
                type,
                steps.map((s) => s.id),
            ),
        );
    };
    const listError = form.errors.steps;
    return (
        <FormSection title={t('chains.editor.steps')} hint={t('chains.editor.stepsHint')}>
            {listError && (
                <Text size="sm" c="red.9" role="alert">
                    {listError}
                </Text>
            )}
            <ol
                aria-label={t('chains.editor.steps')}
                style={{
                    listStyle: 'none',
                    padding: 0,
                    margin: 0,
                    display: 'grid',
                    gap: 'var(--mantine-spacing-sm)',
                }}
            >
                {steps.map((step, index) => (
                    <StepCard
                        key={step.key}
                        form={form}
                        index={index}
                        count={counts?.find((c) => c.stepId === step.id && c.type === step.type)}
                        onMove={(to) => {
                            form.clearErrors();
                            form.reorderListItem('steps', { from: index, to });
                        }}
                        onRemove={() => {
                            form.clearErrors();
                            form.removeListItem('steps', index);
                        }}
                    />
                ))}
            </ol>
            <Group gap="xs">
                {STEP_TYPES.map((type) => (
                    <Button key={type} variant="default" size="xs" onClick={() => add(type)}>
                        {t('chains.editor.addStep', { type: word(t, 'stepType', type) })}
                    </Button>
                ))}
            </Group>
        </FormSection>
    );
}
