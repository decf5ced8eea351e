import { MessagePage } from '../../app/message-page';
import { useT } from '../../i18n/locale-provider';

/** Shown for an address that is no page of the app. */
export default function NotFoundPage() {
    const t = useT();
    return <MessagePage title={t('notFound.title')} text={t('notFound.text')} />;
}
