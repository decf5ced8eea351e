import { Alert, Anchor, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { CSSProperties } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { ATC_PREFIX, type CategoryView, useCategory, useSaveCategory } from '../../api/categories';
import { useSession } from '../../api/session';
import { errorMessage } from '../../app/error-state';
import { Loaded, PageHeader } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { CATEGORY_CODE, categoryBody, fieldErrors, formValues } from './category-form';
import { CampaignFields, IdentityFields, LapseFields, RuleFields } from './sections/category-fields';
import { ReachFigures } from './sections/reach-figures';
import { RebuildProgressSection } from './sections/rebuild-progress';

/**
 * The form's frame: a bare fieldset (it disables every control for a reader)
 * whose field errors are red 9, not Mantine's red 6 (3.3:1 on white; WCAG AA
 * asks 4.5:1).
 */
const FIELDSET_STYLE = {
    border: 0,
    padding: 0,
    margin: 0,
    minWidth: 0,
    '--mantine-color-error': 'var(--mantine-color-red-9)',
} as CSSProperties;

/** For a reader the disabled fields' values stay legible: black text under Mantine's faded look. */
const READER_STYLE = {
    ...FIELDSET_STYLE,
    '--mantine-color-disabled-color': 'var(--mantine-color-black)',
} as CSSProperties;

/** The roles that may change categories (the API's editor roles); an analyst reads. */
const EDITORS = new Set(['admin', 'marketer']);

/** The editor's form for one category (or a new one), its reach and its rebuild beside it. */
function CategoryEditor({ category, canEdit }: { category: CategoryView | null; canEdit: boolean }) {
    const t = useT();
    const navigate = useNavigate();
    const save = useSaveCategory();
    const creating = category === null;
    const readOnly = !canEdit;
    const form = useForm({
        initialValues: formValues(category),
        validate: {
            code: (v) => (!creating || CATEGORY_CODE.test(v.trim()) ? null : t('categories.error.code')),
            name: (v) => (v.trim() ? null : t('form.required')),
            atcPrefixes: (v, values) => {
                if (!v.length && !values.skus.length) return t('categories.error.noRules');
                const bad = v.find((p) => !ATC_PREFIX.test(p));
                return bad ? t('categories.error.invalidItem', { value: bad }) : null;
            },
        },
    });
    const submit = form.onSubmit((values) => {
        const code = creating ? values.code.trim() : (category?.code ?? '');
        save.mutate(
            { code, body: categoryBody(values) },
            {
                onSuccess: (saved) => {
                    notifications.show({
                        color: 'teal',
                        message: t('categories.saved', { name: saved.name }),
                    });
                    form.resetDirty(formValues(saved));
                    if (creating)
                        void navigate(`/categories/${encodeURIComponent(saved.code)}`, { replace: true });
                },
                onError: (error) => form.setErrors(fieldErrors(error, values, t)),
            },
        );
    });
    const fieldProblem = isApiError(save.error, 'REFILL_VALIDATION', 'REFILL_CONFLICT');
    return (
        <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 8 }}>
                <form onSubmit={submit} noValidate aria-label={t('categories.form')}>
                    <fieldset disabled={readOnly} style={readOnly ? READER_STYLE : FIELDSET_STYLE}>
                        <Stack gap="md">
                            {readOnly && (
                                <Alert color="blue" title={t('categories.readOnly.title')}>
                                    {t('categories.readOnly.text')}
                                </Alert>
                            )}
                            {save.isError && (
                                <Alert color="red" role="alert">
                                    {fieldProblem
                                        ? t('categories.error.fields')
                                        : errorMessage(save.error, t)}
                                </Alert>
                            )}
                            <IdentityFields form={form} creating={creating} />
                            <RuleFields form={form} readOnly={readOnly} />
                            <LapseFields form={form} readOnly={readOnly} />
                            <CampaignFields form={form} />
                            {canEdit && (
                                <Group justify="flex-end">
                                    <Button type="submit" loading={save.isPending}>
                                        {t(creating ? 'categories.create' : 'categories.save')}
                                    </Button>
                                </Group>
                            )}
                        </Stack>
                    </fieldset>
                </form>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
                <Stack gap="md">
                    {category && <ReachFigures category={category} />}
                    {category ? (
                        <RebuildProgressSection code={category.code} canEdit={canEdit} />
                    ) : (
                        <Text size="sm" c="dimmed">
                            {t('categories.rebuild.afterCreate')}
                        </Text>
                    )}
                </Stack>
            </Grid.Col>
        </Grid>
    );
}

/**
 * A chronic category's editor (`categories/new`, `categories/:code`): its
 * ATC prefixes picked from the catalogue's codes, SKUs, refill interval,
 * lapse threshold, minimum purchases, seasonal months, margin and public
 * label; saving shows the rebuild of its lines and statistics until it is
 * done. An analyst sees everything and can change nothing.
 */
export default function CategoryEditorPage() {
    const t = useT();
    const code = useParams().code ?? null;
    const role = useSession().data?.user.role;
    const canEdit = role !== undefined && EDITORS.has(role);
    const category = useCategory(code);
    const title =
        code === null
            ? t('categories.new')
            : category.data
              ? t('categories.editTitle', { name: category.data.name, code: category.data.code })
              : code;
    return (
        <>
            <Anchor component={Link} to="/categories" size="sm">
                {t('categories.back')}
            </Anchor>
            <PageHeader title={title} />
            {code === null ? (
                <CategoryEditor category={null} canEdit={canEdit} />
            ) : (
                <Loaded query={category}>
                    {() => <CategoryEditor key={code} category={category.data ?? null} canEdit={canEdit} />}
                </Loaded>
            )}
        </>
    );
}
