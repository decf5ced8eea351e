import { Alert, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { type ChannelView, useTestSend } from '../../api/messaging';
import { DialogButtons } from '../../app/dialog-parts';
import { errorMessage } from '../../app/error-state';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { word } from '../customer-card/desk-words';

/** Which word asks for the address of a channel: a phone, an e-mail, a chat id or a device token. */
function addressLabel(channel: ChannelView['channel']): 'phone' | 'email' | 'chat' | 'token' {
    if (channel === 'email') return 'email';
    if (channel === 'telegram') return 'chat';
    if (channel === 'push') return 'token';
    return 'phone';
}

/** Sends a test message through the channel's real provider to an address the person types (audited). */
export function TestSendDialog({ channel, onClose }: { channel: ChannelView; onClose(): void }) {
    const t = useT();
    const f = useFormat();
    const send = useTestSend();
    const [to, setTo] = useState('');
    const [text, setText] = useState('');
    const name = word(t, 'channel', channel.channel);
    const error = send.error;
    const toProblem = isApiError(error, 'REFILL_VALIDATION')
        ? error.fieldProblems().find((p) => p.path === 'to')
        : undefined;
    const result = send.data;
    return (
        <Modal opened onClose={onClose} title={t('messaging.test.title', { channel: name })} centered>
            <form
                onSubmit={(event) => {
                    event.preventDefault();
                    send.mutate({ channel: channel.channel, to: to.trim(), text: text.trim() || undefined });
                }}
            >
                <Stack gap="md">
                    <Text size="sm">
                        {channel.configured
                            ? t('messaging.test.explainProvider', { provider: channel.provider })
                            : t('messaging.test.explainOutbox')}
                    </Text>
                    <TextInput
                        label={t(`messaging.test.to.${addressLabel(channel.channel)}`)}
                        required
                        value={to}
                        onChange={(event) => setTo(event.currentTarget.value)}
                        error={toProblem ? t('messaging.test.badAddress') : undefined}
                    />
                    <Textarea
                        label={t('messaging.test.text')}
                        description={t('messaging.test.textHint')}
                        autosize
                        minRows={2}
                        maxLength={1000}
                        value={text}
                        onChange={(event) => setText(event.currentTarget.value)}
                    />
                    {result?.outcome === 'sent' && (
                        <Alert color="teal" role="status" title={t('messaging.test.sent')}>
                            {t('messaging.test.sentDetail', {
                                status: word(t, 'messageStatus', result.status ?? 'sent'),
                                cost: f.money(result.cost ?? 0),
                                segments: result.segments ?? 0,
                            })}
                        </Alert>
                    )}
                    {result?.outcome === 'failed' && (
                        <Alert color="red" role="alert" title={t('messaging.test.failed')}>
                            <Text size="sm" ff="monospace">
                                {result.code}
                            </Text>
                        </Alert>
                    )}
                    {error && !toProblem && (
                        <Alert color="red" role="alert">
                            {isApiError(error, 'REFILL_RATE_LIMITED')
                                ? t('messaging.test.limited', {
                                      minutes: Math.ceil((error.retryAfterSeconds ?? 60) / 60),
                                  })
                                : errorMessage(error, t)}
                        </Alert>
                    )}
                    <DialogButtons
                        label={t('messaging.test.send')}
                        loading={send.isPending}
                        onCancel={onClose}
                    />
                </Stack>
            </form>
        </Modal>
    );
}
