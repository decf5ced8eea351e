import { Button, Group, Menu, Paper, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import type { SegmentField } from '../../../api/segments';
import { useT } from '../../../i18n/locale-provider';
import { ConditionRowEditor } from './condition-row';
import { emptyRoot, isGroup, newRow, type PlacedProblem, type RuleGroup, type RuleItem } from './rule-model';
import { conditionName, problemText } from './rule-words';

/** Props of {@link RuleGroupEditor}. */
export interface RuleGroupProps {
    group: RuleGroup;
    /** 0: the root group; 1: the nested group (which holds conditions only). */
    depth: number;
    fields: readonly SegmentField[];
    /** The API's problems by row or group key. */
    problems: ReadonlyMap<string, PlacedProblem[]>;
    currencySymbol: string;
    readOnly: boolean;
    onChange(group: RuleGroup): void;
    /** Removes a nested group (absent for the root). */
    onRemove?(): void;
}

/** A menu of the condition kinds; picking one adds a row of it. */
function AddCondition({ fields, onAdd }: { fields: readonly SegmentField[]; onAdd(type: string): void }) {
    const t = useT();
    return (
        <Menu position="bottom-start" withinPortal>
            <Menu.Target>
                <Button variant="light" size="xs">
                    {t('segments.addCondition')}
                </Button>
            </Menu.Target>
            <Menu.Dropdown>
                {fields.map((field) => (
                    <Menu.Item key={field.type} onClick={() => onAdd(field.type)}>
                        {conditionName(t, field.type)}
                    </Menu.Item>
                ))}
            </Menu.Dropdown>
        </Menu>
    );
}

/**
 * A group of the rule: all or any of its conditions, optionally negated
 * ("none of them"); the root may hold one nested group.
 */
export function RuleGroupEditor(props: RuleGroupProps) {
    const t = useT();
    const { group, depth } = props;
    const replace = (index: number, item: RuleItem) =>
        props.onChange({ ...group, items: group.items.map((it, i) => (i === index ? item : it)) });
    const remove = (index: number) =>
        props.onChange({ ...group, items: group.items.filter((_, i) => i !== index) });
    const hasNested = group.items.some(isGroup);
    const own = props.problems.get(group.key) ?? [];
    const title = depth === 0 ? t('segments.rootGroup') : t('segments.nestedGroup');
    return (
        <Paper
            withBorder={depth > 0}
            bg={depth > 0 ? 'gray.0' : undefined}
            p={depth > 0 ? 'sm' : 0}
            role="group"
            aria-label={title}
        >
            <Stack gap="sm">
                <Group gap="sm" wrap="wrap">
                    <Text size="sm" fw={500}>
                        {title}
                    </Text>
                    <SegmentedControl
                        size="xs"
                        aria-label={t('segments.mode')}
                        disabled={props.readOnly}
                        value={group.mode}
                        onChange={(mode) => props.onChange({ ...group, mode: mode as RuleGroup['mode'] })}
                        data={[
                            { value: 'all', label: t('segments.mode.all') },
                            { value: 'any', label: t('segments.mode.any') },
                        ]}
                    />
                    <Switch
                        size="sm"
                        label={t('segments.negated')}
                        checked={group.negated}
                        disabled={props.readOnly}
                        onChange={(event) =>
                            props.onChange({ ...group, negated: event.currentTarget.checked })
                        }
                    />
                    {props.onRemove && !props.readOnly && (
                        <Button
                            variant="subtle"
                            color="red"
                            c="red.9"
                            size="xs"
                            ml="auto"
                            onClick={props.onRemove}
                        >
                            {t('segments.removeGroup')}
                        </Button>
                    )}
                </Group>
                {own.length > 0 && (
                    <Text size="sm" c="red.9" role="alert">
                        {own
                            .map((p) =>
                                p.type === 'array.min' ? t('segments.error.emptyGroup') : problemText(t, p),
                            )
                            .join(' ')}
                    </Text>
                )}
                {group.items.length === 0 && (
                    <Text size="sm" c="dimmed">
                        {t('segments.emptyGroup')}
                    </Text>
                )}
                {group.items.map((item, index) =>
                    isGroup(item) ? (
                        <RuleGroupEditor
                            key={item.key}
                            {...props}
                            group={item}
                            depth={depth + 1}
                            onChange={(next) => replace(index, next)}
                            onRemove={() => remove(index)}
                        />
                    ) : (
                        <ConditionRowEditor
                            key={item.key}
                            row={item}
                            label={t('segments.conditionN', {
                                n: index + 1,
                                group: title,
                            })}
                            fields={props.fields}
                            problems={props.problems.get(item.key) ?? []}
                            currencySymbol={props.currencySymbol}
                            readOnly={props.readOnly}
                            onChange={(next) => replace(index, next)}
                            onRemove={() => remove(index)}
                        />
                    ),
                )}
                {!props.readOnly && (
                    <Group gap="sm">
                        <AddCondition
                            fields={props.fields}
                            onAdd={(type) =>
                                props.onChange({ ...group, items: [...group.items, newRow(type)] })
                            }
                        />
                        {depth === 0 && !hasNested && (
                            <Button
                                variant="subtle"
                                size="xs"
                                onClick={() =>
                                    props.onChange({
                                        ...group,
                                        items: [...group.items, { ...emptyRoot(), mode: 'any' }],
                                    })
                                }
                            >
                                {t('segments.addGroup')}
                            </Button>
                        )}
                    </Group>
                )}
            </Stack>
        </Paper>
    );
}
