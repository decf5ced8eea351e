import { notifications } from '@mantine/notifications';
import type { Translate } from '../../../i18n/locale-provider';

/** Says a desk action is done, in a green notification whose close button has a name. */
export function notifyDone(t: Translate, message: string): void {
    notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': t('common.close') } });
}
