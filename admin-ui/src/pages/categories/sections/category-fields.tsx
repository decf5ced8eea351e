import {
    NumberInput,
    Paper,
    SimpleGrid,
    Stack,
    Switch,
    Textarea,
    TextInput,
    TagsInput,
    Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/locale-provider';
import { type CategoryFormValues, DEFAULT_MIN_PURCHASES, defaultLapseDays } from '../category-form';
import { AtcPrefixInput } from './atc-prefix-input';
import { SeasonalMonthsInput } from './seasonal-months-input';

/** The editor's form, as each section gets it. */
type CategoryForm = UseFormReturnType<CategoryFormValues>;

/** A titled group of fields. */
function FieldSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
    return (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
            <Stack gap="md">
                <Title order={2} size="h4" id={id}>
                    {title}
                </Title>
                {children}
            </Stack>
        </Paper>
    );
}

/** Code (on creation only), name, and whether the category is chronic and active. */
export function IdentityFields({ form, creating }: { form: CategoryForm; creating: boolean }) {
    const t = useT();
    return (
        <FieldSection id="category-identity" title={t('categories.section.identity')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                    label={t('categories.field.code')}
                    description={creating ? t('categories.field.codeHint') : undefined}
                    required={creating}
                    disabled={!creating}
                    {...form.getInputProps('code')}
                />
                <TextInput label={t('categories.field.name')} required {...form.getInputProps('name')} />
            </SimpleGrid>
            <Switch
                label={t('categories.field.chronic')}
                description={t('categories.field.chronicHint')}
                {...form.getInputProps('chronic', { type: 'checkbox' })}
            />
            <Switch
                label={t('categories.field.active')}
                description={t('categories.field.activeHint')}
                {...form.getInputProps('active', { type: 'checkbox' })}
            />
        </FieldSection>
    );
}

/** What belongs to the category: ATC prefixes (from the catalogue's codes) and exact SKUs. */
export function RuleFields({ form, readOnly }: { form: CategoryForm; readOnly: boolean }) {
    const t = useT();
    const atc = form.getInputProps('atcPrefixes');
    return (
        <FieldSection id="category-rules" title={t('categories.section.rules')}>
            <AtcPrefixInput
                value={form.values.atcPrefixes}
                onChange={(value) => form.setFieldValue('atcPrefixes', value)}
                error={atc.error as string | undefined}
                disabled={readOnly}
            />
            <TagsInput
                label={t('categories.field.skus')}
                description={t('categories.field.skusHint')}
                acceptValueOnBlur={false}
                splitChars={[',', ' ']}
                {...form.getInputProps('skus')}
            />
        </FieldSection>
    );
}

/** When a buyer counts as lapsed: refill interval, lapse threshold, minimum purchases, seasonal months. */
export function LapseFields({ form, readOnly }: { form: CategoryForm; readOnly: boolean }) {
    const t = useT();
    const lapseDefault = defaultLapseDays(form.values.refillIntervalDays);
    return (
        <FieldSection id="category-lapse" title={t('categories.section.lapse')}>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
                <NumberInput
                    label={t('categories.field.refillIntervalDays')}
                    description={t('categories.field.refillIntervalDaysHint')}
                    min={1}
                    max={365}
                    allowDecimal={false}
                    suffix={t('categories.unit.days')}
                    {...form.getInputProps('refillIntervalDays')}
                />
                <NumberInput
                    label={t('categories.field.lapseAfterDays')}
                    description={t('categories.field.lapseAfterDaysHint', { days: lapseDefault })}
                    placeholder={String(lapseDefault)}
                    min={1}
                    max={365}
                    allowDecimal={false}
                    suffix={t('categories.unit.days')}
                    {...form.getInputProps('lapseAfterDays')}
                />
                <NumberInput
                    label={t('categories.field.minPurchases')}
                    description={t('categories.field.minPurchasesHint', { count: DEFAULT_MIN_PURCHASES })}
                    placeholder={String(DEFAULT_MIN_PURCHASES)}
                    min={1}
                    max={24}
                    allowDecimal={false}
                    {...form.getInputProps('minPurchases')}
                />
            </SimpleGrid>
            <SeasonalMonthsInput
                label={t('categories.field.seasonalMonths')}
                description={t('categories.field.seasonalMonthsHint')}
                value={form.values.seasonalMonths}
                onChange={(value) => form.setFieldValue('seasonalMonths', value)}
                error={form.errors.seasonalMonths as string | undefined}
                disabled={readOnly}
            />
        </FieldSection>
    );
}

/** What campaigns and messages use: the margin (for the money table) and the drug-name-free public label. */
export function CampaignFields({ form }: { form: CategoryForm }) {
    const t = useT();
    return (
        <FieldSection id="category-campaigns" title={t('categories.section.campaigns')}>
            <NumberInput
                label={t('categories.field.marginPct')}
                description={t('categories.field.marginPctHint')}
                min={0}
                max={100}
                decimalScale={2}
                suffix="%"
                maw={320}
                {...form.getInputProps('marginPct')}
            />
            <Textarea
                label={t('categories.field.publicLabel')}
                description={t('categories.field.publicLabelHint')}
                placeholder={t('categories.field.publicLabelPlaceholder')}
                autosize
                minRows={2}
                maxLength={255}
                {...form.getInputProps('publicLabel')}
            />
        </FieldSection>
    );
}
