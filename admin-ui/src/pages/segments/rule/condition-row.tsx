import {
    ActionIcon,
    Group,
    MultiSelect,
    NumberInput,
    Paper,
    Select,
    Stack,
    Switch,
    TagsInput,
    Text,
} from '@mantine/core';
import type { SegmentField, SegmentFieldParam } from '../../../api/segments';
import { useStoreOptions } from './use-store-options';
import { useT } from '../../../i18n/locale-provider';
import { type ConditionRow, MONEY_PARAMS, newRow, type ParamValue, type PlacedProblem } from './rule-model';
import { conditionName, paramLabel, problemText, valueLabel } from './rule-words';

/** Props of {@link ConditionRowEditor}. */
export interface ConditionRowProps {
    row: ConditionRow;
    /** Its place in words for screen readers ("condition 2"). */
    label: string;
    fields: readonly SegmentField[];
    problems: readonly PlacedProblem[];
    currencySymbol: string;
    readOnly: boolean;
    onChange(row: ConditionRow): void;
    onRemove(): void;
}

/** One parameter's control, by what the API says it takes. */
function ParamInput({
    type,
    param,
    value,
    error,
    currencySymbol,
    onChange,
}: {
    type: string;
    param: SegmentFieldParam;
    value: ParamValue | undefined;
    error: string | undefined;
    currencySymbol: string;
    onChange(value: ParamValue): void;
}) {
    const t = useT();
    const stores = useStoreOptions(param.name === 'storeId' || param.name === 'storeIds');
    const label = paramLabel(t, type, param.name);
    const common = { label, error, required: param.required, size: 'sm' as const, w: 150 };
    if (param.name === 'storeId')
        return (
            <Select
                {...common}
                searchable
                data={stores}
                value={typeof value === 'string' ? value : null}
                onChange={(v) => onChange(v ?? '')}
            />
        );
    if (param.name === 'storeIds')
        return (
            <MultiSelect
                {...common}
                w={240}
                searchable
                data={stores}
                value={Array.isArray(value) ? value : []}
                onChange={onChange}
            />
        );
    if (param.kind === 'array' && param.values)
        return (
            <MultiSelect
                {...common}
                w={240}
                data={param.values.map((v) => ({ value: String(v), label: valueLabel(t, param, v) }))}
                value={Array.isArray(value) ? value : []}
                onChange={onChange}
            />
        );
    if (param.kind === 'array')
        return (
            <TagsInput
                {...common}
                w={240}
                description={t('segments.tagsHint')}
                value={Array.isArray(value) ? value : []}
                onChange={onChange}
            />
        );
    if (param.kind === 'string' && param.values)
        return (
            <Select
                {...common}
                data={param.values.map((v) => ({ value: String(v), label: valueLabel(t, param, v) }))}
                value={typeof value === 'string' && value !== '' ? value : null}
                onChange={(v) => onChange(v ?? '')}
            />
        );
    if (param.kind === 'boolean')
        return (
            <Switch
                label={label}
                mt="lg"
                checked={value === true}
                error={error}
                onChange={(event) => onChange(event.currentTarget.checked)}
            />
        );
    const money = (MONEY_PARAMS[type] ?? []).includes(param.name);
    return (
        <NumberInput
            {...common}
            allowDecimal={money || !param.integer}
            decimalScale={money ? 2 : undefined}
            allowNegative={(param.min ?? 0) < 0}
            suffix={money ? ` ${currencySymbol}` : undefined}
            value={typeof value === 'number' || typeof value === 'string' ? value : ''}
            onChange={(v) => onChange(v)}
        />
    );
}

/**
 * One condition of the rule: its kind, then a control per parameter the
 * API describes; the API's problems appear at their parameter, or under the
 * row when they concern the whole condition.
 */
export function ConditionRowEditor(props: ConditionRowProps) {
    const t = useT();
    const { row, fields, problems } = props;
    const field = fields.find((f) => f.type === row.type);
    const paramError = (name: string) => {
        const found = problems.filter((p) => p.param === name);
        return found.length ? found.map((p) => problemText(t, p)).join(' ') : undefined;
    };
    const known = new Set(field?.params.map((p) => p.name) ?? []);
    const rowProblems = problems.filter((p) => p.param === null || !known.has(p.param));
    return (
        <Paper withBorder p="sm" role="group" aria-label={props.label}>
            <Stack gap="xs">
                <Group align="flex-start" gap="sm" wrap="nowrap">
                    <Group align="flex-start" gap="sm" wrap="wrap" style={{ flex: 1 }}>
                        <Select
                            label={t('segments.condition')}
                            size="sm"
                            w={220}
                            allowDeselect={false}
                            data={fields.map((f) => ({ value: f.type, label: conditionName(t, f.type) }))}
                            value={row.type}
                            onChange={(type) =>
                                type && type !== row.type && props.onChange({ ...newRow(type), key: row.key })
                            }
                        />
                        {field?.params.map((param) => (
                            <ParamInput
                                key={param.name}
                                type={row.type}
                                param={param}
                                value={row.params[param.name]}
                                error={paramError(param.name)}
                                currencySymbol={props.currencySymbol}
                                onChange={(value) =>
                                    props.onChange({ ...row, params: { ...row.params, [param.name]: value } })
                                }
                            />
                        ))}
                    </Group>
                    {!props.readOnly && (
                        <ActionIcon
                            variant="subtle"
                            color="red"
                            c="red.9"
                            mt={26}
                            aria-label={t('segments.removeCondition', { label: props.label })}
                            onClick={props.onRemove}
                        >
                            ×
                        </ActionIcon>
                    )}
                </Group>
                {rowProblems.length > 0 && (
                    <Text size="sm" c="red.9" role="alert">
                        {rowProblems.map((p) => problemText(t, p)).join(' ')}
                    </Text>
                )}
            </Stack>
        </Paper>
    );
}
